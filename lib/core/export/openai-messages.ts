// Reads a span's stored content (docs/data-model.md "Canonical span content") as OpenAI chat
// messages, keeping only the keys OpenAI allows for each role. It does not judge the result:
// openai-validate.ts does, so there is one place that decides what a valid example is.

type Json = Record<string, unknown>;
export type ChatMessage = Json & { role: unknown };

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const TEXT_PART_TYPES = new Set(["text", "input_text", "output_text"]);

/** Content as OpenAI wants it: a string; text parts joined; null when absent. Anything else is kept as it is, for the validator to reject. */
function contentOf(raw: unknown, role: unknown): unknown {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "string") return raw;
  if (Array.isArray(raw) && raw.every((p) => isObject(p) && TEXT_PART_TYPES.has(String(p.type)) && typeof p.text === "string")) {
    return raw.map((p) => (p as Json).text).join("");
  }
  // A tool's result is often structured; OpenAI wants it as text, and JSON text loses nothing.
  if (role === "tool") return JSON.stringify(raw);
  return raw;
}

/** A tool call in OpenAI's shape, from either OpenAI's shape or the flat `{ id, name, arguments }` of the tool_calls column. */
export function toOpenAiToolCall(call: unknown): unknown {
  if (!isObject(call)) return call;
  const fn = isObject(call.function) ? call.function : call;
  const args = fn.arguments;
  return {
    id: call.id,
    type: "function",
    function: {
      name: fn.name,
      // OpenAI wants arguments as a JSON string; an object (or nothing) is serialised.
      arguments: typeof args === "string" ? args : JSON.stringify(args ?? {}),
    },
  };
}

/**
 * The span's tool definitions as OpenAI's fine-tuning format takes them: `{type: "function", function:
 * {name, description?, parameters?}}`, other keys dropped; undefined when the span offered none. The
 * validator judges what is left (a name OpenAI refuses, parameters that are not a schema).
 */
export function toOpenAiTools(tools: unknown): unknown[] | undefined {
  if (!Array.isArray(tools) || tools.length === 0) return undefined;
  return tools.map((t) => {
    if (!isObject(t) || !isObject(t.function)) return t;
    const fn: Json = { name: t.function.name };
    if (t.function.description !== undefined && t.function.description !== null) fn.description = t.function.description;
    if (t.function.parameters !== undefined && t.function.parameters !== null) fn.parameters = t.function.parameters;
    return { type: t.type, function: fn };
  });
}

/** One message with only the keys its role allows. "developer" is OpenAI's newer name for system. */
export function toOpenAiMessage(m: unknown, defaultRole: "user" | "assistant"): ChatMessage {
  if (typeof m === "string") return { role: defaultRole, content: m };
  if (!isObject(m)) return { role: undefined, content: m };
  const role = m.role === "developer" ? "system" : (m.role ?? defaultRole);
  const out: ChatMessage = { role, content: contentOf(m.content, role) };
  if (typeof m.name === "string" && m.name && role !== "tool") out.name = m.name;
  if (role === "assistant") {
    if (m.weight === 0 || m.weight === 1) out.weight = m.weight;
    if (Array.isArray(m.tool_calls) && m.tool_calls.length > 0) out.tool_calls = m.tool_calls.map(toOpenAiToolCall);
  }
  if (role === "tool") out.tool_call_id = m.tool_call_id;
  return out;
}

/** The messages a stored input or output holds: an array, one message object, a `{messages}` wrapper, or plain text. */
export function messagesOf(value: unknown, defaultRole: "user" | "assistant"): ChatMessage[] | undefined {
  if (value === null || value === undefined) return [];
  if (typeof value === "string") return value.length ? [{ role: defaultRole, content: value }] : [];
  if (Array.isArray(value)) return value.map((m) => toOpenAiMessage(m, defaultRole));
  if (isObject(value)) {
    if (Array.isArray(value.messages)) return messagesOf(value.messages, defaultRole);
    if ("role" in value || "content" in value || "tool_calls" in value) return [toOpenAiMessage(value, defaultRole)];
  }
  return undefined; // not something that reads as messages
}
