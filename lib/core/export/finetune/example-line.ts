// An example's line, `JSON.stringify({ messages, tools? })`, written from its messages' pieces, so that
// the JSON text of each plain message's content is made once and shared with the dedupe key
// (example-key.ts), which needs the same text: escaping a unit=trace page's ~9 MB of text once instead
// of twice (docs/performance.md "Tenth round"). The line is byte for byte JSON.stringify's
// (example-line.test.ts compares them).
import type { ChatMessage } from "../openai-messages";

type Plain = ChatMessage & { role: string; content: string };

/**
 * A message whose own keys are exactly `role` (a string) then `content` (a string): most messages, as
 * toOpenAiMessage builds them. Its JSON is `{"role":…,"content":…}`.
 */
function isPlain(m: ChatMessage): m is Plain {
  if (typeof m.role !== "string" || typeof m.content !== "string") return false;
  let i = 0;
  for (const k in m) {
    if (i > 1 || k !== (i === 0 ? "role" : "content") || !Object.hasOwn(m, k)) return false;
    i++;
  }
  return i === 2;
}

/** Per message: `JSON.stringify(content)` of a plain message, undefined for any other. */
export function escapedContents(messages: ChatMessage[]): (string | undefined)[] {
  return messages.map((m) => (isPlain(m) ? JSON.stringify(m.content) : undefined));
}

const ROLES = new Map(["system", "user", "assistant", "tool"].map((r) => [r, JSON.stringify(r)]));

/** `JSON.stringify(example)`, given `escaped = escapedContents(example.messages)`. */
export function exampleLine(example: { messages: ChatMessage[]; tools?: unknown[] }, escaped: (string | undefined)[]): string {
  const parts: string[] = [];
  for (let i = 0; i < example.messages.length; i++) {
    const m = example.messages[i];
    const content = escaped[i];
    parts.push(content === undefined ? JSON.stringify(m) : `{"role":${ROLES.get(m.role as string) ?? JSON.stringify(m.role)},"content":${content}}`);
  }
  const tools = example.tools === undefined ? "" : `,"tools":${JSON.stringify(example.tools)}`;
  return `{"messages":[${parts.join(",")}]${tools}}`;
}
