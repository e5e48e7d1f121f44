// GenAI message forms → the canonical chat messages of docs/data-model.md.
import { describe, expect, it } from "vitest";
import { indexedMessages } from "./indexed-messages";
import { messagesFromAttribute, systemMessageFrom } from "./semconv-messages";

describe("semconv parts messages", () => {
  it("normalises text, tool calls and tool call responses", () => {
    const input = JSON.stringify([
      { role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] },
      {
        role: "assistant",
        parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }],
      },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_1", response: { temp: 12 } }] },
    ]);
    expect(messagesFromAttribute(input)).toEqual([
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
      },
      { role: "tool", tool_call_id: "call_1", content: '{"temp":12}' },
    ]);
  });

  it("joins several text parts, drops non-text parts and finish_reason", () => {
    const output = [
      {
        role: "assistant",
        finish_reason: "stop",
        parts: [
          { type: "reasoning", content: "thinking…" },
          { type: "text", content: "Line one" },
          { type: "text", content: "Line two" },
        ],
      },
    ];
    expect(messagesFromAttribute(output)).toEqual([{ role: "assistant", content: "Line one\nLine two" }]);
  });

  it("splits tool results carried by a user message into tool messages", () => {
    const msgs = messagesFromAttribute([
      {
        role: "user",
        parts: [
          { type: "tool_call_response", id: "a", response: "sunny" },
          { type: "tool_call_response", id: "b", response: "rainy" },
        ],
      },
    ]);
    expect(msgs).toEqual([
      { role: "tool", tool_call_id: "a", content: "sunny" },
      { role: "tool", tool_call_id: "b", content: "rainy" },
    ]);
  });

  it("accepts OpenAI-shaped messages in the same attribute", () => {
    const msgs = messagesFromAttribute([
      { role: "developer", content: "Be brief." },
      { role: "user", content: [{ type: "text", text: "Hi" }, { type: "image_url", image_url: { url: "x" } }] },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }],
      },
      { role: "tool", tool_call_id: "c1", content: "ok" },
    ]);
    expect(msgs).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "c1", content: "ok" },
    ]);
  });

  it("returns undefined for text that is not a message list", () => {
    expect(messagesFromAttribute("just words")).toBeUndefined();
    expect(messagesFromAttribute("[not json")).toBeUndefined();
    expect(messagesFromAttribute([])).toBeUndefined();
  });

  it("reads system instructions as parts or plain text", () => {
    expect(systemMessageFrom('[{"type":"text","content":"You are terse."}]')).toEqual({ role: "system", content: "You are terse." });
    expect(systemMessageFrom("You are terse.")).toEqual({ role: "system", content: "You are terse." });
    expect(systemMessageFrom("42")).toEqual({ role: "system", content: "42" });
  });
});

describe("indexed (older) messages", () => {
  it("reads gen_ai.prompt.N / gen_ai.completion.N with tool calls, in index order", () => {
    const attrs = {
      "gen_ai.prompt.1.role": "user",
      "gen_ai.prompt.1.content": "What is 2+2?",
      "gen_ai.prompt.0.role": "system",
      "gen_ai.prompt.0.content": "You are a calculator.",
      "gen_ai.prompt.2.role": "tool",
      "gen_ai.prompt.2.tool_call_id": "t0",
      "gen_ai.prompt.2.content": "4",
      "gen_ai.prompt.10.role": "user",
      "gen_ai.prompt.10.content": '[{"type":"text","text":"Thanks"}]',
      "gen_ai.completion.0.role": "assistant",
      "gen_ai.completion.0.finish_reason": "tool_calls",
      "gen_ai.completion.0.tool_calls.0.id": "t1",
      "gen_ai.completion.0.tool_calls.0.name": "add",
      "gen_ai.completion.0.tool_calls.0.arguments": '{"a":2,"b":2}',
    };
    expect(indexedMessages(attrs, "gen_ai.prompt")).toEqual([
      { role: "system", content: "You are a calculator." },
      { role: "user", content: "What is 2+2?" },
      { role: "tool", content: "4", tool_call_id: "t0" },
      { role: "user", content: "Thanks" },
    ]);
    expect(indexedMessages(attrs, "gen_ai.completion")).toEqual([
      { role: "assistant", content: null, tool_calls: [{ id: "t1", type: "function", function: { name: "add", arguments: '{"a":2,"b":2}' } }] },
    ]);
  });

  it("returns undefined when there are none", () => {
    expect(indexedMessages({ "gen_ai.promptly": "x" }, "gen_ai.prompt")).toBeUndefined();
  });
});
