// The GenAI event form → span fields (genai-events-convention.ts). azure-ai-inference's form (the body
// as JSON in gen_ai.event.content) is in fixtures/convention-spans.ts; these are the other spellings.
import { describe, expect, it } from "vitest";
import type { SpanEvent } from "./convention-fields";
import { readGenAiEvents } from "./genai-events-convention";

const event = (name: string, attrs: SpanEvent["attrs"]): SpanEvent => ({ name, time: undefined, attrs });
const read = (...events: SpanEvent[]) => readGenAiEvents({ name: "chat", attrs: {}, events });

describe("readGenAiEvents", () => {
  it("reads Strands Agents' events: body fields as attributes, content as Bedrock blocks", () => {
    const f = read(
      event("gen_ai.user.message", { content: '[{"text": "Weather in Oslo?"}]' }),
      event("gen_ai.assistant.message", { content: '[{"toolUse": {"toolUseId": "tooluse_1", "name": "weather", "input": {"city": "Oslo"}}}]' }),
      event("gen_ai.tool.message", { content: '[{"toolResult": {"toolUseId": "tooluse_1", "status": "success", "content": [{"text": "-3C"}]}}]' }),
      event("gen_ai.choice", { finish_reason: "end_turn", message: '[{"text": "It is -3C in Oslo."}]' }),
    );
    expect(f.inputMessages?.value).toEqual([
      { role: "user", content: "Weather in Oslo?" },
      { role: "assistant", content: null, tool_calls: [{ id: "tooluse_1", type: "function", function: { name: "weather", arguments: '{"city":"Oslo"}' } }] },
      { role: "tool", tool_call_id: "tooluse_1", content: "-3C" },
    ]);
    expect(f.outputMessages?.value).toEqual([{ role: "assistant", content: "It is -3C in Oslo." }]);
    expect(f.inputMessages?.events).toEqual([0, 1, 2]);
    expect(f.outputMessages?.events).toEqual([3]);
  });

  it("reads plain text content and a tool message's id, and takes the first of several choices", () => {
    const f = read(
      event("gen_ai.system.message", { content: "Be brief." }),
      event("gen_ai.tool.message", { content: "42", id: "call_9" }),
      event("gen_ai.choice", { index: 1, message: '{"role": "assistant", "content": "B"}' }),
      event("gen_ai.choice", { index: 0, message: '{"role": "assistant", "content": "A"}' }),
    );
    expect(f.inputMessages?.value).toEqual([
      { role: "system", content: "Be brief." },
      { role: "tool", tool_call_id: "call_9", content: "42" },
    ]);
    expect(f.outputMessages?.value).toEqual([{ role: "assistant", content: "A" }]);
    expect(f.outputMessages?.events).toEqual([3, 2]);
  });

  it("reads the messages carried as attributes of an operation-details event", () => {
    const f = read(
      event("gen_ai.client.inference.operation.details", {
        "gen_ai.input.messages": '[{"role":"user","parts":[{"type":"text","content":"Hi"}]}]',
        "gen_ai.output.messages": '[{"role":"assistant","parts":[{"type":"text","content":"Hello"}]}]',
        "gen_ai.tool.definitions": '[{"type":"function","name":"noop"}]',
      }),
    );
    expect(f.inputMessages).toEqual({ value: [{ role: "user", content: "Hi" }], keys: [], events: [0] });
    expect(f.outputMessages?.value).toEqual([{ role: "assistant", content: "Hello" }]);
    expect(f.tools?.value).toEqual([{ type: "function", function: { name: "noop" } }]);
  });

  it("finds nothing in other events", () => {
    expect(read(event("exception", { "exception.message": "boom" }))).toEqual({});
  });
});
