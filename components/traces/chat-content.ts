// Reads span input/output in the canonical shape of docs/data-model.md (arrays of chat messages),
// and tolerates what other producers send: one message object, a plain string, or any JSON.
export interface ViewToolCall {
  id?: string;
  name: string;
  arguments: unknown;
}

export interface ViewMessage {
  role: string;
  name?: string;
  text: string | null;
  /** Content that was neither text nor text parts: shown as JSON. */
  json?: unknown;
  toolCalls: ViewToolCall[];
  toolCallId?: string;
}

export type ViewContent =
  | { kind: "empty" }
  | { kind: "messages"; messages: ViewMessage[] }
  | { kind: "text"; text: string }
  | { kind: "json"; value: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isMessage = (v: unknown): v is Record<string, unknown> => isObject(v) && typeof v.role === "string";

function contentText(content: unknown): { text: string | null; json?: unknown } {
  if (content === null || content === undefined) return { text: null };
  if (typeof content === "string") return { text: content };
  // OpenAI content parts: [{ type: "text", text }, …]
  if (Array.isArray(content) && content.every((p) => isObject(p) && typeof p.text === "string")) {
    return { text: content.map((p) => (p as { text: string }).text).join("\n") };
  }
  return { text: null, json: content };
}

/** Accepts both the chat-message form ({ function: { name, arguments } }) and the span column form. */
function readToolCall(v: unknown): ViewToolCall | undefined {
  if (!isObject(v)) return undefined;
  const fn = isObject(v.function) ? v.function : v;
  if (typeof fn.name !== "string") return undefined;
  return { id: typeof v.id === "string" ? v.id : undefined, name: fn.name, arguments: fn.arguments ?? fn.input ?? null };
}

/** The readable tool calls of a list (a message's `tool_calls`, or a span's column); anything else gives none. */
export function readToolCalls(v: unknown): ViewToolCall[] {
  return Array.isArray(v) ? v.map(readToolCall).filter((c): c is ViewToolCall => Boolean(c)) : [];
}

function readMessage(m: Record<string, unknown>): ViewMessage {
  const { text, json } = contentText(m.content);
  const calls = readToolCalls(m.tool_calls);
  return {
    role: String(m.role),
    name: typeof m.name === "string" ? m.name : undefined,
    text,
    json,
    toolCalls: calls,
    toolCallId: typeof m.tool_call_id === "string" ? m.tool_call_id : undefined,
  };
}

/** `asRole`: the role a bare string is read as (output text is the assistant's). */
export function readContent(value: unknown, asRole?: "assistant"): ViewContent {
  if (value === null || value === undefined || value === "") return { kind: "empty" };
  if (Array.isArray(value) && value.length > 0 && value.every(isMessage)) {
    return { kind: "messages", messages: value.map(readMessage) };
  }
  if (isMessage(value)) return { kind: "messages", messages: [readMessage(value)] };
  if (typeof value === "string") {
    return asRole ? { kind: "messages", messages: [{ role: asRole, text: value, toolCalls: [] }] } : { kind: "text", text: value };
  }
  return { kind: "json", value };
}
