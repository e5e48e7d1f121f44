// Checked against the examples and figures of OpenAI's cookbook ("How to count tokens with tiktoken",
// gpt-4o / o200k_base) and against the tokenizer itself.
import { describe, expect, it } from "vitest";
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import { clearTokenCache, exampleTokens, messageTokens, TEXT_CACHE_CHARS, toolsTokens } from "./count-tokens";

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

describe("the per-process count cache", () => {
  // The cookbook's loop written out with the tokenizer alone, no cache: what every count must equal.
  const plain = (messages: { role: string; content: string }[]) =>
    3 + messages.reduce((n, m) => n + 3 + encode(m.role).length + encode(m.content, { disallowedSpecial: new Set() }).length, 0);
  // Varied text: prose, digits, digests, unicode, whitespace runs, special-token text, lengths either side of the cache's bounds.
  const texts = [
    "You are a helpful support assistant for Acme. Answer precisely and cite the relevant policy.",
    "Ticket 17: " + "9f86d081884c7d65 customer question about billing, ".repeat(16),
    "Grüße aus Köln — 東京 🚀 ".repeat(40),
    "  indented\n\n\tcode();\r\n" + "word ".repeat(14_000),
    "print('<|endoftext|>') 12345678901234567890",
    "short text here!",
  ];
  const examples = texts.flatMap((a, i) => texts.map((b, j) => [
    { role: "system", content: a },
    { role: "user", content: `${b} #${i}` },
    { role: "assistant", content: j % 2 ? a : b },
  ]));

  it("gives the plain count from a cold cache and again from a warm one", () => {
    clearTokenCache();
    const expected = examples.map(plain);
    expect(examples.map((messages) => exampleTokens({ messages }))).toEqual(expected);
    expect(examples.map((messages) => exampleTokens({ messages }))).toEqual(expected);
  });

  it("still counts right after its budget made it evict", () => {
    clearTokenCache();
    // Distinct texts past the budget: the oldest are evicted and counted again when they come back.
    const many = Array.from({ length: Math.ceil(TEXT_CACHE_CHARS / 60_000) + 2 }, (_, i) => `${i} ` + "lorem ipsum dolor ".repeat(3_300));
    const first = many.map((content) => messageTokens({ role: "user", content }));
    expect(many.map((content) => messageTokens({ role: "user", content }))).toEqual(first);
    expect(first[0]).toBe(3 + encode("user").length + encode(many[0]).length);
  });
});
