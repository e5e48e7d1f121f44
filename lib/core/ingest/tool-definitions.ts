// The tools a generation was offered, in one shape whatever the convention: OpenAI's
//   { type: "function", function: { name, description?, parameters? } }
// which is also what an `openai` fine-tuning example carries. Conventions spell a definition as
// OpenAI does, flat ({ type, name, description, parameters } — OpenTelemetry GenAI), with the schema
// under another name (inputSchema — Vercel AI SDK; input_schema — Anthropic), or as a bare JSON schema
// with the name beside it (OpenInference's tool.json_schema + tool.name). Definitions that are not
// functions (a provider's built-in web search) or have no name are left out.
import { parseMaybeJson } from "./chat-messages";

export interface ToolDefinition {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** A JSON schema, given as an object or JSON text; Bedrock-style `{ json: schema }` is unwrapped. */
function schemaOf(v: unknown): Record<string, unknown> | undefined {
  const parsed = parseMaybeJson(v);
  if (!isObj(parsed)) return undefined;
  const keys = Object.keys(parsed);
  if (keys.length === 1 && keys[0] === "json" && isObj(parsed.json)) return parsed.json;
  return parsed;
}

/** What a definition's fields are, read from the object that holds them. */
function fromFields(fn: Obj, schema: unknown): ToolDefinition | undefined {
  if (typeof fn.name !== "string" || !fn.name.trim()) return undefined;
  const out: ToolDefinition = { type: "function", function: { name: fn.name } };
  if (typeof fn.description === "string" && fn.description) out.function.description = fn.description;
  const parameters = schemaOf(schema);
  if (parameters) out.function.parameters = parameters;
  return out;
}

/**
 * One definition in any of the shapes above (or JSON text of one). `beside` names a bare schema:
 * OpenInference may record the schema alone with the tool's name and description in sibling keys.
 */
export function toolDefinitionOf(raw: unknown, beside: { name?: unknown; description?: unknown } = {}): ToolDefinition | undefined {
  const value = parseMaybeJson(raw);
  if (!isObj(value)) return undefined;
  const definition = isObj(value.function) || typeof value.name === "string";
  if (definition && value.type !== undefined && value.type !== "function") return undefined;
  if (isObj(value.function)) return fromFields(value.function, value.function.parameters);
  if (typeof value.name === "string") return fromFields(value, value.parameters ?? value.inputSchema ?? value.input_schema);
  // No name inside: the value is the parameters' schema (its `type` is the schema's), named by its siblings.
  return fromFields(beside as Obj, value);
}

/** A list of definitions (or JSON text of one) → the functions among them; undefined when none. */
export function toolDefinitionsOf(list: unknown): ToolDefinition[] | undefined {
  const value = parseMaybeJson(list);
  if (!Array.isArray(value)) return undefined;
  const tools = value.map((t) => toolDefinitionOf(t)).filter((t): t is ToolDefinition => t !== undefined);
  return tools.length ? tools : undefined;
}
