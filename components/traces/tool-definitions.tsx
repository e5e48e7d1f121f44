// The tools a generation was offered (the span's `tools`: OpenAI's {type: "function", function:
// {name, description, parameters}} shape, docs/data-model.md): one card per tool, name and
// description first, the parameters' schema folded away.
import { JsonView } from "./json-view";

export interface ViewToolDefinition {
  name: string;
  description?: string;
  parameters?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The readable definitions of the column; anything else gives none. */
export function readToolDefinitions(v: unknown): ViewToolDefinition[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((t) => {
    const fn = isObject(t) && isObject(t.function) ? t.function : t;
    if (!isObject(fn) || typeof fn.name !== "string") return [];
    return [{ name: fn.name, description: typeof fn.description === "string" ? fn.description : undefined, parameters: fn.parameters }];
  });
}

export function ToolDefinitionView({ tool }: { tool: ViewToolDefinition }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white" data-testid="tool-definition">
      <div className="flex flex-col gap-0.5 px-2.5 py-1.5">
        <span className="font-mono text-xs font-semibold text-slate-900">ƒ {tool.name}</span>
        {tool.description ? <span className="text-xs text-slate-600">{tool.description}</span> : null}
      </div>
      {tool.parameters !== undefined ? (
        <details className="border-t border-slate-100 px-2.5 py-1.5">
          <summary className="cursor-pointer text-xs text-slate-500">parameters</summary>
          <JsonView value={tool.parameters} className="mt-1.5" />
        </details>
      ) : null}
    </div>
  );
}
