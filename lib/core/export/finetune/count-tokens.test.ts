// Checked against the examples and figures of OpenAI's cookbook ("How to count tokens with tiktoken",
// gpt-4o / o200k_base) and against the tokenizer itself.
import { describe, expect, it } from "vitest";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { exampleTokens, messageTokens, toolsTokens } from "./count-tokens";

const jargon = [
  { role: "system", content: "You are a helpful, pattern-following assistant that translates corporate jargon into plain English." },
  { role: "system", name: "example_user", content: "New synergies will help drive top-line growth." },
  { role: "system", name: "example_assistant", content: "Things working well together will increase revenue." },
  { role: "system", name: "example_user", content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: "system", name: "example_assistant", content: "Let's talk later when we're less busy about how to do better." },
  { role: "user", content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];

const weatherTools = [
  {
    type: "function",
    function: {
      name: "get_current_weather",
      description: "Get the current weather in a given location",
      parameters: {
        type: "object",
        properties: {
          location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
          unit: { type: "string", description: "The unit of temperature to return", enum: ["celsius", "fahrenheit"] },
        },
        required: ["location"],
      },
    },
  },
];
const weatherMessages = [
  { role: "system", content: "You are a helpful assistant that can answer to questions about the weather." },
  { role: "user", content: "What's the weather like in San Francisco?" },
];

describe("exampleTokens", () => {
  it("gives the cookbook's 124 tokens for its gpt-4o messages example", () => {
    expect(exampleTokens({ messages: jargon })).toBe(124);
  });

  it("gives the cookbook's 101 tokens for its gpt-4o tools example", () => {
    expect(exampleTokens({ messages: weatherMessages, tools: weatherTools })).toBe(101);
  });

  it("is 3 per message plus the tokens of each text field, +1 per name", () => {
    const m = { role: "user", name: "ada", content: "Hello there, how are you?" };
    expect(messageTokens(m)).toBe(3 + encode("user").length + encode("ada").length + 1 + encode(m.content).length);
    // weight is not text; a null content counts nothing.
    expect(messageTokens({ role: "assistant", content: null, weight: 0 })).toBe(3 + encode("assistant").length);
  });

  it("counts a tool call's id, function name and arguments, and a tool result's call id", () => {
    const call = { id: "call_1", type: "function", function: { name: "lookup", arguments: '{"order":"A-17"}' } };
    expect(messageTokens({ role: "assistant", content: null, tool_calls: [call] })).toBe(
      3 + encode("assistant").length + encode("call_1").length + encode("lookup").length + encode(call.function.arguments).length,
    );
    expect(messageTokens({ role: "tool", tool_call_id: "call_1", content: "shipped" })).toBe(
      3 + encode("tool").length + encode("call_1").length + encode("shipped").length,
    );
  });

  it("counts special-token text as ordinary text instead of failing", () => {
    const m = { role: "user", content: "print('<|endoftext|>')" };
    expect(messageTokens(m)).toBeGreaterThan(3 + encode("user").length);
  });

  it("counts a tool without parameters as its name and description only", () => {
    expect(toolsTokens([{ type: "function", function: { name: "now" } }])).toBe(7 + encode("now:").length + 12);
    expect(toolsTokens(undefined)).toBe(0);
  });
});
