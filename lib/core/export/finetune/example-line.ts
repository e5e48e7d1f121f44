// An example's line, `JSON.stringify({ messages, tools? })`, written from its messages' pieces: the JSON
// text of a message's content is kept by message object, because the dedupe key (example-key.ts) needs
// the same text, and escaping a page's ~9 MB of text once instead of twice is a tenth of a unit=trace
// page's CPU (docs/performance.md "Tenth round"). The line is byte for byte JSON.stringify's
// (example-line.test.ts compares them).
import type { ChatMessage } from "../openai-messages";

const ESCAPED = new WeakMap<ChatMessage, string>();

/** `JSON.stringify(m.content)` of a message whose content is a string, computed once per message object. */
export function escapedContent(m: ChatMessage & { content: string }): string {
  let json = ESCAPED.get(m);
  if (json === undefined) {
    json = JSON.stringify(m.content);
    ESCAPED.set(m, json);
  }
  return json;
}

const ROLES = new Map(["system", "user", "assistant", "tool"].map((r) => [r, JSON.stringify(r)]));

/**
 * A message whose own keys are exactly `role` (a string) then `content` (a string): most messages, as
 * toOpenAiMessage builds them. Its JSON is `{"role":…,"content":…}`.
 */
function isPlain(m: ChatMessage): m is ChatMessage & { role: string; content: string } {
  if (typeof m.role !== "string" || typeof m.content !== "string") return false;
  let i = 0;
  for (const k in m) {
    if (i > 1 || k !== (i === 0 ? "role" : "content") || !Object.hasOwn(m, k)) return false;
    i++;
  }
  return i === 2;
}

/** `JSON.stringify(example)`, each plain message's content escaped at most once per message object. */
export function exampleLine(example: { messages: ChatMessage[]; tools?: unknown[] }): string {
  const parts: string[] = [];
  for (const m of example.messages) {
    parts.push(isPlain(m) ? `{"role":${ROLES.get(m.role) ?? JSON.stringify(m.role)},"content":${escapedContent(m)}}` : JSON.stringify(m));
  }
  const tools = example.tools === undefined ? "" : `,"tools":${JSON.stringify(example.tools)}`;
  return `{"messages":[${parts.join(",")}]${tools}}`;
}
