import { describe, expect, it } from "vitest";
import { toOpenAiExample } from "./openai-format";
import { validateOpenAiExample } from "./openai-validate";
import type { ExportRow } from "./types";

function row(extra: Partial<ExportRow>): ExportRow {
  return {
    trace_id: "t", span_id: "s", span_name: "chat", type: "GENERATION", model: "m", status: "STATUS_CODE_OK",
    latency_ms: 1, timestamp: "2026-11-01T00:00:00.000000Z", input: null, output: null, tool_calls: null,
    metadata: {}, user_id: null, tags: [], input_tokens: null, output_tokens: null, cost: null, scores: {}, ...extra,
  };
}
const messagesOf = (r: ReturnType<typeof toOpenAiExample>) => ("line" in r ? JSON.parse(r.line).messages : r.skip);

describe("toOpenAiExample", () => {
  it("joins input and output into one conversation with only allowed keys", () => {
    const r = toOpenAiExample(row({
      input: [{ role: "system", content: "S", id: 1 }, { role: "user", content: "U", name: "ann", metadata: {} }],
      output: [{ role: "assistant", content: "A", refusal: null, finish_reason: "stop" }],
    }));
    expect(messagesOf(r)).toEqual([{ role: "system", content: "S" }, { role: "user", content: "U", name: "ann" }, { role: "assistant", content: "A" }]);
  });

  it("attaches the tool_calls column's calls of this turn only, never repeating an id of an earlier turn", () => {
    const earlier = { id: "c1", type: "function", function: { name: "w", arguments: "{}" } };
    const r = toOpenAiExample(row({
      input: [{ role: "user", content: "Weather?" }, { role: "assistant", content: null, tool_calls: [earlier] }, { role: "tool", tool_call_id: "c1", content: "3" }],
      output: [{ role: "assistant", content: "Checking the wind too." }],
      tool_calls: [{ id: "c1", name: "w", arguments: {} }, { id: "c2", name: "wind", arguments: { city: "Oslo" } }],
    }));
    expect(messagesOf(r).at(-1)).toEqual({
      role: "assistant",
      content: "Checking the wind too.",
      tool_calls: [{ id: "c2", type: "function", function: { name: "wind", arguments: '{"city":"Oslo"}' } }],
    });
    // Only calls of earlier turns: nothing is attached, and the example stays valid.
    const none = toOpenAiExample(row({
      input: [{ role: "user", content: "Weather?" }, { role: "assistant", content: null, tool_calls: [earlier] }, { role: "tool", tool_call_id: "c1", content: "3" }],
      output: [{ role: "assistant", content: "3°C" }],
      tool_calls: [{ id: "c1", name: "w", arguments: {} }],
    }));
    expect(messagesOf(none).at(-1)).toEqual({ role: "assistant", content: "3°C" });
  });

  it("serialises object arguments and structured tool results as JSON strings", () => {
    const r = toOpenAiExample(row({
      input: [
        { role: "user", content: "Weather?" },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "w", arguments: { city: "Oslo" } } }] },
        { role: "tool", tool_call_id: "c1", content: { temp: 3 }, name: "w" },
      ],
      output: { role: "assistant", content: "3°C" },
    }));
    expect(messagesOf(r)).toEqual([
      { role: "user", content: "Weather?" },
      { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "w", arguments: '{"city":"Oslo"}' } }] },
      { role: "tool", tool_call_id: "c1", content: '{"temp":3}' },
      { role: "assistant", content: "3°C" },
    ]);
  });

  it("takes tool calls from the tool_calls column when the output has none", () => {
    const r = toOpenAiExample(row({ input: "Weather?", output: "Checking.", tool_calls: [{ id: "c1", name: "w", arguments: '{"city":"Rome"}' }] }));
    expect(messagesOf(r)).toEqual([
      { role: "user", content: "Weather?" },
      { role: "assistant", content: "Checking.", tool_calls: [{ id: "c1", type: "function", function: { name: "w", arguments: '{"city":"Rome"}' } }] },
    ]);
  });

  it("reads text parts, {messages} wrappers and the developer role", () => {
    const r = toOpenAiExample(row({
      input: { messages: [{ role: "developer", content: "D" }, { role: "user", content: [{ type: "input_text", text: "a" }, { type: "text", text: "b" }] }] },
      output: [{ content: "no role given" }],
    }));
    expect(messagesOf(r)).toEqual([{ role: "system", content: "D" }, { role: "user", content: "ab" }, { role: "assistant", content: "no role given" }]);
  });

  it.each([
    ["a SPAN", row({ type: "SPAN", input: "x", output: "y" }), "not_a_generation"],
    ["an EVENT", row({ type: "EVENT" }), "not_a_generation"],
    ["no content", row({}), "no_messages"],
    ["empty strings", row({ input: "", output: "" }), "no_messages"],
    ["no output", row({ input: "x" }), "no_assistant_output"],
    ["a user-only output", row({ input: "x", output: [{ role: "user", content: "y" }] }), "no_assistant_output"],
    ["a number as input", row({ input: 42, output: "y" }), "invalid_message"],
    ["an image part", row({ input: [{ role: "user", content: [{ type: "image_url", image_url: {} }] }], output: "y" }), "invalid_message"],
    ["an orphan tool result", row({ input: [{ role: "user", content: "x" }, { role: "tool", tool_call_id: "z", content: "1" }], output: "y" }), "invalid_tool_call"],
    ["a call without a name", row({ input: "x", tool_calls: [{ id: "c1", arguments: "{}" }] }), "invalid_tool_call"],
  ])("skips %s", (_label, r, reason) => {
    expect(messagesOf(toOpenAiExample(r))).toBe(reason);
  });

  it("writes the tools the generation was offered, in OpenAI's shape", () => {
    const tools = [{ type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object" }, strict: true } }];
    const r = toOpenAiExample(row({ input: "Weather?", output: "Sunny", tools }));
    expect("line" in r && JSON.parse(r.line)).toEqual({
      messages: [{ role: "user", content: "Weather?" }, { role: "assistant", content: "Sunny" }],
      tools: [{ type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object" } } }],
    });
    // No tools, no key.
    const plain = toOpenAiExample(row({ input: "a", output: "b", tools: null }));
    expect("line" in plain && Object.keys(JSON.parse(plain.line))).toEqual(["messages"]);
    // A definition OpenAI would refuse skips the example rather than dropping the tools silently.
    expect(messagesOf(toOpenAiExample(row({ input: "a", output: "b", tools: [{ type: "function", function: { name: "no spaces allowed" } }] })))).toBe("invalid_tools");
  });

  it("only ever writes lines the validator accepts", () => {
    const samples = [
      row({ input: "a", output: "b" }),
      row({ input: [{ role: "user", content: "a" }], output: [{ role: "assistant", content: null, tool_calls: [{ id: "1", function: { name: "f" } }] }] }),
    ];
    for (const s of samples) {
      const r = toOpenAiExample(s);
      expect("line" in r).toBe(true);
      if ("line" in r) expect(validateOpenAiExample(JSON.parse(r.line))).toEqual({ ok: true });
    }
  });
});
