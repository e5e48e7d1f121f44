// Span input/output as readable chat: role badges, text, tool calls (name + pretty arguments) and
// tool results answering a call id.
import { Chip, type ChipTone } from "@/components/ui/chip";
import { readContent, type ViewMessage, type ViewToolCall } from "./chat-content";
import { JsonView, prettyJson } from "./json-view";

const ROLE_TONE: Record<string, ChipTone> = { system: "slate", user: "sky", assistant: "violet", tool: "amber" };

export function ToolCallView({ call }: { call: ViewToolCall }) {
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50/60" data-testid="tool-call">
      <div className="flex items-center gap-2 border-b border-amber-200 px-2.5 py-1 text-xs">
        <span className="font-semibold text-amber-900">ƒ {call.name}</span>
        {call.id ? <span className="font-mono text-amber-700/70">{call.id}</span> : null}
      </div>
      <pre className="max-h-60 overflow-auto px-2.5 py-1.5 font-mono text-xs text-slate-800">{prettyJson(call.arguments)}</pre>
    </div>
  );
}

function MessageView({ m }: { m: ViewMessage }) {
  const isTool = m.role === "tool";
  return (
    <li className="rounded-lg border border-slate-200 bg-white" data-testid="chat-message" data-role={m.role}>
      <div className="flex items-center gap-2 border-b border-slate-100 px-2.5 py-1.5">
        <Chip tone={ROLE_TONE[m.role] ?? "slate"}>{m.role}</Chip>
        {m.name ? <span className="text-xs text-slate-500">{m.name}</span> : null}
        {isTool && m.toolCallId ? <span className="text-xs text-slate-500">result of <span className="font-mono">{m.toolCallId}</span></span> : null}
      </div>
      <div className="flex flex-col gap-2 px-2.5 py-2">
        {m.text !== null && m.text !== "" ? (
          isTool ? (
            <pre className="max-h-72 overflow-auto font-mono text-xs whitespace-pre-wrap text-slate-800">{prettyJson(m.text)}</pre>
          ) : (
            <p className="max-h-96 overflow-auto text-sm leading-relaxed whitespace-pre-wrap text-slate-800">{m.text}</p>
          )
        ) : m.json !== undefined ? (
          <JsonView value={m.json} />
        ) : m.toolCalls.length === 0 ? (
          <p className="text-xs text-slate-400 italic">no content</p>
        ) : null}
        {m.toolCalls.map((c, i) => (
          <ToolCallView key={c.id ?? i} call={c} />
        ))}
      </div>
    </li>
  );
}

export function ChatMessages({ value, asRole, emptyText }: { value: unknown; asRole?: "assistant"; emptyText: string }) {
  const content = readContent(value, asRole);
  switch (content.kind) {
    case "empty":
      return <p className="text-sm text-slate-400 italic">{emptyText}</p>;
    case "text":
      return <p className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-white p-2.5 text-sm whitespace-pre-wrap">{content.text}</p>;
    case "json":
      return <JsonView value={content.value} />;
    case "messages":
      return (
        <ol className="flex flex-col gap-2">
          {content.messages.map((m, i) => (
            <MessageView key={i} m={m} />
          ))}
        </ol>
      );
  }
}
