// The older, flattened GenAI form (OpenLLMetry and early semconv drafts): one attribute per field,
//   gen_ai.prompt.<i>.role / .content / .name / .tool_call_id / .tool_calls.<j>.id|name|arguments
//   gen_ai.completion.<i>.role / .content / .finish_reason / .tool_calls.<j>.… / .function_call.…
// Content is sometimes a JSON array of text parts; that is read as its text.
import type { JsonValue } from "./any-value";
import { argumentsAsString, asText, normaliseRole, parseMaybeJson, type ChatMessage, type ChatToolCall } from "./chat-messages";
import { messagesFromAttribute, textOf } from "./semconv-messages";

interface Slot {
  fields: Record<string, JsonValue>;
  calls: Map<number, Record<string, JsonValue>>;
}

function collect(attrs: Record<string, JsonValue>, prefix: string): Map<number, Slot> {
  const slots = new Map<number, Slot>();
  const head = `${prefix}.`;
  for (const [key, value] of Object.entries(attrs)) {
    if (!key.startsWith(head)) continue;
    const m = /^(\d+)\.(.+)$/.exec(key.slice(head.length));
    if (!m) continue;
    const i = Number(m[1]);
    const slot: Slot = slots.get(i) ?? { fields: {}, calls: new Map() };
    slots.set(i, slot);
    const call = /^(?:tool_calls\.(\d+)|function_call)\.(.+)$/.exec(m[2]);
    if (call) {
      const j = call[1] === undefined ? -1 : Number(call[1]);
      const entry: Record<string, JsonValue> = slot.calls.get(j) ?? {};
      entry[call[2]] = value;
      slot.calls.set(j, entry);
    } else {
      slot.fields[m[2]] = value;
    }
  }
  return slots;
}

function contentText(value: JsonValue | undefined): string | null {
  if (value == null) return null;
  if (typeof value === "string" && value.trim().startsWith("[")) {
    try {
      const t = textOf(JSON.parse(value));
      if (t !== undefined) return t;
    } catch {
      // not JSON: plain text that starts with a bracket
    }
  }
  return textOf(value) ?? asText(value);
}

/** Reads `<prefix>.<i>.*` attributes into canonical messages; undefined when there are none. */
export function indexedMessages(attrs: Record<string, JsonValue>, prefix: string): ChatMessage[] | undefined {
  const slots = collect(attrs, prefix);
  if (slots.size === 0) {
    // The un-indexed variant: the whole list as JSON in `gen_ai.prompt` / `gen_ai.completion`.
    return attrs[prefix] != null ? messagesFromAttribute(attrs[prefix]) : undefined;
  }
  const messages: ChatMessage[] = [];
  for (const i of [...slots.keys()].sort((a, b) => a - b)) {
    const { fields, calls } = slots.get(i)!;
    const role = normaliseRole(fields.role ?? (prefix.endsWith("completion") ? "assistant" : "user"));
    // OpenLLMetry's JS SDK writes a message's tool calls as one JSON list (`.tool_calls`) instead.
    if (calls.size === 0 && typeof fields.tool_calls === "string") {
      const list = messagesFromAttribute([{ role: "assistant", tool_calls: parseMaybeJson(fields.tool_calls) }])?.[0]?.tool_calls ?? [];
      list.forEach((c, j) => calls.set(j, { id: c.id, name: c.function.name, arguments: c.function.arguments }));
    }
    const toolCalls: ChatToolCall[] = [...calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([j, c]) => ({
        id: typeof c.id === "string" && c.id ? c.id : `call_${i}_${Math.max(j, 0)}`,
        type: "function" as const,
        function: { name: asText(c.name), arguments: argumentsAsString(c.arguments) },
      }));
    const text = contentText(fields.content);
    const msg: ChatMessage = { role, content: text ?? (role === "assistant" && toolCalls.length ? null : "") };
    if (typeof fields.name === "string" && fields.name) msg.name = fields.name;
    if (role === "assistant" && toolCalls.length) msg.tool_calls = toolCalls;
    if (role === "tool") msg.tool_call_id = asText(fields.tool_call_id);
    messages.push(msg);
  }
  return messages;
}
