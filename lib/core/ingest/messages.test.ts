// GenAI message forms → the canonical chat messages of docs/data-model.md.
import { describe, expect, it } from "vitest";
import { genAiFields } from "./genai-fields";
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

describe("genAiFields", () => {
  it("prefers the request model, reads both token vocabularies and the cost", () => {
    const f = genAiFields({
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.usage.prompt_tokens": 12,
      "gen_ai.usage.completion_tokens": "7",
      "gen_ai.usage.cost": 0.0031,
    });
    expect(f).toMatchObject({ model: "gpt-4o", inputTokens: 12, outputTokens: 7, cost: 0.0031 });
    expect(genAiFields({ "gen_ai.response.model": "claude-x" }).model).toBe("claude-x");
  });

  it("prefers the current token keys and ignores counts that do not fit the column", () => {
    const f = genAiFields({ "gen_ai.usage.input_tokens": 5, "gen_ai.usage.prompt_tokens": 9, "gen_ai.usage.output_tokens": "9223372036854775807" });
    expect(f.inputTokens).toBe(5);
    expect(f.outputTokens).toBeNull();
  });

  it("puts system instructions first and lists the output tool calls", () => {
    const f = genAiFields({
      "gen_ai.system_instructions": '[{"type":"text","content":"Be kind."}]',
      "gen_ai.input.messages": '[{"role":"user","parts":[{"type":"text","content":"Hi"}]}]',
      "gen_ai.output.messages":
        '[{"role":"assistant","parts":[{"type":"text","content":"Calling"},{"type":"tool_call","id":"c9","name":"lookup","arguments":"{\\"q\\":1}"}]}]',
    });
    expect(f.inputMessages).toEqual([
      { role: "system", content: "Be kind." },
      { role: "user", content: "Hi" },
    ]);
    expect(f.toolCalls).toEqual([{ id: "c9", name: "lookup", arguments: { q: 1 } }]);
  });
});
