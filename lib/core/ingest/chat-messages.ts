// The canonical span content of docs/data-model.md: OpenAI-like chat messages, and the span-level
// tool_calls list. Every GenAI message form that ingest understands is normalised into these.
import type { JsonValue } from "./any-value";
import { jsonDepth } from "./read-body";

export type ChatRole = "system" | "user" | "assistant" | "tool";

export interface ChatToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export interface ChatMessage {
  role: ChatRole;
  content: string | null;
  name?: string;
  tool_calls?: ChatToolCall[];
  tool_call_id?: string;
}

/** One entry of the span's `tool_calls` column. */
export interface SpanToolCall {
  id: string;
  name: string;
  arguments: JsonValue;
}

// Roles from other vocabularies, folded onto the four the data model knows.
const ROLE_ALIASES: Record<string, ChatRole> = {
  system: "system",
  developer: "system",
  user: "user",
  human: "user",
  assistant: "assistant",
  model: "assistant",
  ai: "assistant",
  tool: "tool",
  function: "tool",
};

export function normaliseRole(role: unknown): ChatRole {
  const name = String(role ?? "").toLowerCase();
  // Own keys only: a role named "constructor" is a user, not Object's constructor.
  return Object.hasOwn(ROLE_ALIASES, name) ? ROLE_ALIASES[name] : "user";
}

/**
 * How deep JSON found inside an attribute's text may nest to be read as JSON. Attribute values are
 * bounded by the request's depth limit (decode-request.ts), but text is not: a 100,000-deep array in a
 * string parses, and then overflows every recursive step after it (serialising the row, PostgreSQL's
 * jsonb input). Deeper text stays text, which is stored safely; no real message nests this far.
 */
export const MAX_PARSED_DEPTH = 64;

/** JSON text → its value; anything else (or text that is not JSON, or nests too deep) unchanged. */
export function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const t = value.trim();
  if (!t || !/^[[{"\d\-tfn]/.test(t)) return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(t);
  } catch {
    return value;
  }
  return typeof parsed === "object" && parsed !== null && jsonDepth(parsed, MAX_PARSED_DEPTH) > MAX_PARSED_DEPTH ? value : parsed;
}

/** Tool-call arguments travel as a JSON string in chat messages (OpenAI's shape). */
export function argumentsAsString(args: unknown): string {
  if (args == null) return "{}";
  return typeof args === "string" ? args : JSON.stringify(args);
}

/** …and as an object in the tool_calls column when they are a JSON object, else as given. */
export function argumentsAsValue(args: string): JsonValue {
  const parsed = parseMaybeJson(args);
  return parsed !== null && typeof parsed === "object" ? (parsed as JsonValue) : args;
}

export function asText(value: unknown): string {
  if (value == null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The tool calls of the assistant messages, for the span's tool_calls column; null when none. */
export function toolCallsOf(messages: ChatMessage[] | undefined): SpanToolCall[] | null {
  const calls: SpanToolCall[] = [];
  for (const m of messages ?? []) {
    if (m.role !== "assistant") continue;
    for (const c of m.tool_calls ?? []) {
      calls.push({ id: c.id, name: c.function.name, arguments: argumentsAsValue(c.function.arguments) });
    }
  }
  return calls.length ? calls : null;
}
