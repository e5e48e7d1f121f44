// What makes two messages (or two examples) "the same" for merging a conversation and for dedupe=true:
// canonical JSON — object keys sorted, text trimmed with line ends as "\n", tool-call arguments parsed
// and written canonically — so a resent history whose JSON differs only in spacing or key order still
// matches. For dedupe, tool-call ids are replaced by their order in the example (ids are random per
// run) and tools are sorted by name.
import { createHash } from "node:crypto";
import type { ChatMessage } from "../openai-messages";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** JSON with object keys sorted at every depth. */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  canonicalInto(value, parts);
  return parts.join("");
}

/**
 * canonicalJson's pieces, appended to `out` and joined once by the caller: building the text by nested
 * template strings made a tree of string pieces that V8 flattened again when the key was hashed, which
 * with the join itself was a third of a unit=trace page's time (docs/performance.md "unit=trace").
 */
function canonicalInto(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    out.push("[");
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(",");
      canonicalInto(value[i], out);
    }
    out.push("]");
    return;
  }
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    out.push("{");
    for (let i = 0; i < keys.length; i++) {
      out.push(i > 0 ? "," : "", JSON.stringify(keys[i]), ":");
      canonicalInto(value[keys[i]], out);
    }
    out.push("}");
    return;
  }
  out.push(JSON.stringify(value ?? null));
}

// Most text has no carriage return: asking first spares a regular-expression pass over every message.
const text = (v: unknown) => (typeof v === "string" ? (v.includes("\r") ? v.replace(/\r\n?/g, "\n") : v).trim() : v);

/** Arguments text as canonical JSON when it parses, else trimmed. */
function args(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v.trim();
  }
}

/** A message reduced to what it says; `id` maps a tool-call id to what stands for it. */
function normalise(m: ChatMessage, id: (raw: unknown) => unknown): unknown {
  const out: Record<string, unknown> = { role: m.role, content: text(m.content) };
  if (m.name !== undefined) out.name = m.name;
  if (m.weight !== undefined) out.weight = m.weight;
  if (Array.isArray(m.tool_calls)) {
    out.tool_calls = m.tool_calls.map((c) => {
      const fn = isObject(c) && isObject(c.function) ? c.function : {};
      return { id: id(isObject(c) ? c.id : undefined), name: fn.name, arguments: args(fn.arguments) };
    });
  }
  if (m.tool_call_id !== undefined) out.tool_call_id = id(m.tool_call_id);
  return out;
}

/**
 * Keys computed, by message object: the merge keys the messages that are not plain (it compares plain
 * ones by role and text, plainText), and the example's dedupe key reuses those keys instead of writing
 * each one's canonical JSON again. Messages are not changed once keyed (redaction makes new ones).
 */
const KEYS = new WeakMap<ChatMessage, string>();

/** A message's identity inside one conversation (ids kept: they tie a result to its call). */
export function messageKey(m: ChatMessage): string {
  let key = KEYS.get(m);
  if (key === undefined) {
    key = plainKey(m) ?? canonicalJson(normalise(m, (raw) => raw));
    KEYS.set(m, key);
  }
  return key;
}

/**
 * A plain message (text with a role and nothing else normalise keeps: most of a conversation's
 * messages) is identified by its role and trimmed text: two plain messages have the same key exactly
 * when these are equal, and a plain message never has the key of another kind (that one's canonical
 * JSON has more keys, or content that is not a string). The merge compares these instead of building
 * each message's key (conversationId).
 */
export function plainText(m: ChatMessage): string | undefined {
  if (typeof m.content !== "string" || typeof m.role !== "string") return undefined;
  if (m.name !== undefined || m.weight !== undefined || m.tool_calls !== undefined || m.tool_call_id !== undefined) return undefined;
  return text(m.content) as string;
}

/**
 * canonicalJson(normalise(m)) of a plain message, written directly (the keys in sorted order).
 * `escaped`: JSON.stringify(m.content) when the caller has it (example-line.ts), used when trimming
 * left the text as it was.
 */
function plainKey(m: ChatMessage, escaped?: string): string | undefined {
  const t = plainText(m);
  if (t === undefined) return undefined;
  const json = escaped !== undefined && t === m.content ? escaped : JSON.stringify(t);
  return `{"content":${json},"role":${JSON.stringify(m.role)}}`;
}

/** Without tool calls or a call id, a message normalises the same whatever `id` does. */
const hasIds = (m: ChatMessage) => Array.isArray(m.tool_calls) || m.tool_call_id !== undefined;

/**
 * An example's identity across examples: ids by order of appearance, tools by name. `escaped`: the
 * messages' escapedContents (example-line.ts), when the caller made them for the line.
 */
export function exampleKey(example: { messages: ChatMessage[]; tools?: unknown[] }, escaped: (string | undefined)[] = []): string {
  const ids = new Map<unknown, number>();
  const id = (raw: unknown) => {
    if (!ids.has(raw)) ids.set(raw, ids.size);
    return ids.get(raw);
  };
  const tools = [...(example.tools ?? [])].map(canonicalJson).sort();
  // canonicalJson({ messages: normalised messages, tools }), written from the messages' keys where
  // they cannot differ (example-key.test.ts compares the two).
  const messages = example.messages.map((m, i) => (hasIds(m) ? canonicalJson(normalise(m, id)) : (KEYS.get(m) ?? plainKey(m, escaped[i]) ?? messageKey(m))));
  const body = `{"messages":[${messages.join(",")}],"tools":[${tools.map((t) => JSON.stringify(t)).join(",")}]}`;
  return createHash("sha256").update(body).digest("base64");
}
