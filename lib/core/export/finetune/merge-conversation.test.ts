// The merge rule on the producer styles docs/export.md describes, message by message.
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../openai-messages";
import { ConversationMerge } from "./merge-conversation";
import type { Transcript } from "./transcript";

const sys: ChatMessage = { role: "system", content: "You are helpful." };
const u = (n: number): ChatMessage => ({ role: "user", content: `question ${n}` });
const a = (n: number): ChatMessage => ({ role: "assistant", content: `answer ${n}` });
const call = (id: string): ChatMessage => ({ role: "assistant", content: null, tool_calls: [{ id, type: "function", function: { name: "lookup", arguments: `{"q":"${id}"}` } }] });
const result = (id: string): ChatMessage => ({ role: "tool", tool_call_id: id, content: `result ${id}` });

function merge(...generations: Transcript[]): ChatMessage[] {
  const m = new ConversationMerge();
  for (const g of generations) m.add(g);
  return m.result().messages;
}
const g = (...messages: ChatMessage[]): Transcript => ({ messages });

describe("ConversationMerge", () => {
  it("takes the longest history when each generation resends it (agent loop)", () => {
    expect(merge(
      g(sys, u(1), call("c1")),
      g(sys, u(1), call("c1"), result("c1"), a(1)),
      g(sys, u(1), call("c1"), result("c1"), a(1), u(2), a(2)),
    )).toEqual([sys, u(1), call("c1"), result("c1"), a(1), u(2), a(2)]);
  });

  it("appends turns when each generation carries only its own (one call per request)", () => {
    expect(merge(g(sys, u(1), a(1)), g(sys, u(2), a(2)), g(sys, u(3), a(3)))).toEqual([sys, u(1), a(1), u(2), a(2), u(3), a(3)]);
  });

  it("does not repeat the turns a sliding window carries again", () => {
    expect(merge(g(u(1), a(1), u(2), a(2)), g(u(2), a(2), u(3), a(3)))).toEqual([u(1), a(1), u(2), a(2), u(3), a(3)]);
  });

  it("keeps a fixed few-shot prefix once and appends each request's own turn", () => {
    const shots = [{ role: "user", content: "2+2?" }, { role: "assistant", content: "4" }] as ChatMessage[];
    expect(merge(g(sys, ...shots, u(1), a(1)), g(sys, ...shots, u(2), a(2)))).toEqual([sys, ...shots, u(1), a(1), u(2), a(2)]);
  });

  it("matches a resent history whose JSON differs only in spacing, key order and argument formatting", () => {
    const sent = { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { arguments: '{ "q" : "c1" }', name: "lookup" } }], content: null } as ChatMessage;
    expect(merge(g(u(1), call("c1")), g(u(1), sent, result("c1"), a(1)))).toEqual([u(1), call("c1"), result("c1"), a(1)]);
  });

  it("moves tool results to the call they answer, once, and ends on an assistant turn", () => {
    // One-call-per-request producer whose tool results arrive in the next generation's input only.
    expect(merge(g(u(1), call("c1")), g(result("c1"), result("c1"), a(1)), g(u(2)))).toEqual([u(1), call("c1"), result("c1"), a(1)]);
  });

  it("keeps the first system prompt only, and the union of the tools offered", () => {
    const t1 = { type: "function", function: { name: "lookup" } };
    const t2 = { type: "function", function: { name: "refund" } };
    const m = new ConversationMerge();
    m.add({ messages: [sys, u(1), a(1)], tools: [t1] });
    m.add({ messages: [{ role: "system", content: "Another prompt." }, u(2), a(2)], tools: [t1, t2] });
    expect(m.result()).toEqual({ messages: [sys, u(1), a(1), u(2), a(2)], tools: [t1, t2] });
  });

  it("keeps both answers of a retried call without repeating the question", () => {
    const retry = { role: "assistant", content: "answer 1, again" } as ChatMessage;
    expect(merge(g(u(1), a(1)), g(u(1), retry), g(u(1), retry, u(2), a(2)))).toEqual([u(1), a(1), retry, u(2), a(2)]);
  });
});
