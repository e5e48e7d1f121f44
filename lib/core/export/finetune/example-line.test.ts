// exampleLine writes plain messages from their escaped content (shared with the dedupe key); the line
// must be exactly JSON.stringify's, whatever the messages hold.
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../openai-messages";
import { escapedContents, exampleLine } from "./example-line";

const MESSAGES: ChatMessage[] = [
  { role: "system", content: "be brief" },
  { role: "user", content: 'quote " back\\ line\n tab\t nul\u0000 emoji 😀 lone \ud800 <\u2028>' },
  { role: "assistant", content: "  padded\r\n" },
  { role: "developer", content: "an unusual role is written as it is" },
  { content: "content before role", role: "user" },
  { role: "user", content: "named", name: "ann" },
  { role: "user", content: "undefined key", name: undefined },
  { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: '{"a":1}' } }] },
  { role: "tool", content: "ok", tool_call_id: "c1" },
  { role: "user", content: ["not", "text"] },
  { role: undefined, content: "no role" },
];

describe("exampleLine", () => {
  it("is JSON.stringify of the example, with and without tools", () => {
    const escaped = escapedContents(MESSAGES);
    expect(exampleLine({ messages: MESSAGES }, escaped)).toBe(JSON.stringify({ messages: MESSAGES }));
    const tools = [{ type: "function", function: { name: "f", parameters: { type: "object" } } }];
    expect(exampleLine({ messages: MESSAGES, tools }, escaped)).toBe(JSON.stringify({ messages: MESSAGES, tools }));
  });

  it("escapes only messages whose keys are role then content, both strings", () => {
    const inherited = Object.assign(Object.create({ name: "from prototype" }) as ChatMessage, { role: "user", content: "x" });
    expect(escapedContents([MESSAGES[0], MESSAGES[4], MESSAGES[5], MESSAGES[6], MESSAGES[9], inherited])).toEqual([
      '"be brief"',
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(exampleLine({ messages: [inherited] }, escapedContents([inherited]))).toBe(JSON.stringify({ messages: [inherited] }));
  });
});
