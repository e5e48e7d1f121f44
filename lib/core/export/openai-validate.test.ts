import { describe, expect, it } from "vitest";
import { validateOpenAiExample } from "./openai-validate";

const sys = { role: "system", content: "Be brief." };
const user = { role: "user", content: "Hi" };
const answer = { role: "assistant", content: "Hello" };
const call = (id: string, args = "{}") => ({ id, type: "function", function: { name: "f", arguments: args } });
const ok = { ok: true };
const reasonOf = (example: unknown) => {
  const v = validateOpenAiExample(example);
  return v.ok ? "ok" : v.reason;
};

describe("validateOpenAiExample", () => {
  it.each([
    ["system, user, assistant", [sys, user, answer]],
    ["user, assistant", [user, answer]],
    ["names and weight", [{ ...user, name: "ann" }, { ...answer, name: "bot", weight: 0 }]],
    ["assistant ending in tool calls", [user, { role: "assistant", content: null, tool_calls: [call("a")] }]],
    ["a full tool round", [user, { role: "assistant", content: null, tool_calls: [call("a"), call("b")] }, { role: "tool", tool_call_id: "a", content: "1" }, { role: "tool", tool_call_id: "b", content: "2" }, answer]],
    ["assistant with text and calls", [user, { role: "assistant", content: "Looking", tool_calls: [call("a", '{"x":1}')] }]],
    ["empty assistant text", [user, { role: "assistant", content: "" }]],
  ])("accepts %s", (_label, messages) => {
    expect(validateOpenAiExample({ messages })).toEqual(ok);
  });

  const fn = (name: string, extra: object = {}) => ({ type: "function", function: { name, ...extra } });
  it.each([
    ["a name only", [fn("get_weather")]],
    ["description and parameters", [fn("get-weather_2", { description: "Weather", parameters: { type: "object", properties: {} } })]],
    ["several tools", [fn("a"), fn("b")]],
  ])("accepts tools with %s", (_label, tools) => {
    expect(validateOpenAiExample({ messages: [user, answer], tools })).toEqual(ok);
  });

  it.each([
    ["an empty list", []],
    ["not a list", { get_weather: {} }],
    ["another tool type", [{ type: "code_interpreter" }]],
    ["a flat definition", [{ type: "function", name: "f" }]],
    ["an extra key", [{ ...fn("f"), strict: true }]],
    ["an unknown function key", [fn("f", { strict: true })]],
    ["a name with a space", [fn("get weather")]],
    ["a name over 64 characters", [fn("x".repeat(65))]],
    ["a repeated name", [fn("f"), fn("f")]],
    ["parameters as text", [fn("f", { parameters: '{"type":"object"}' })]],
    ["a numeric description", [fn("f", { description: 3 })]],
  ])("rejects tools with %s", (_label, tools) => {
    expect(reasonOf({ messages: [user, answer], tools })).toBe("invalid_tools");
  });

  it.each([
    ["not an object", "text", "invalid_message"],
    ["an extra top-level key", { messages: [user, answer], id: 1 }, "invalid_message"],
    ["no messages key", {}, "no_messages"],
    ["empty messages", { messages: [] }, "no_messages"],
    ["no assistant", { messages: [sys, user] }, "no_assistant_output"],
    ["assistant not last", { messages: [user, answer, user] }, "no_assistant_output"],
    ["unknown role", { messages: [{ role: "function", content: "x" }, answer] }, "invalid_message"],
    ["missing role", { messages: [{ content: "x" }, answer] }, "invalid_message"],
    ["missing content key", { messages: [{ role: "user" }, answer] }, "invalid_message"],
    ["null user content", { messages: [{ role: "user", content: null }, answer] }, "invalid_message"],
    ["array user content", { messages: [{ role: "user", content: [{ type: "text", text: "x" }] }, answer] }, "invalid_message"],
    ["null assistant content without calls", { messages: [user, { role: "assistant", content: null }] }, "invalid_message"],
    ["numeric assistant content", { messages: [user, { role: "assistant", content: 3 }] }, "invalid_message"],
    ["a key not allowed for user", { messages: [{ ...user, tool_calls: [] }, answer] }, "invalid_message"],
    ["a key not allowed for system", { messages: [{ ...sys, weight: 1 }, user, answer] }, "invalid_message"],
    ["a key not allowed for tool", { messages: [user, { role: "assistant", content: null, tool_calls: [call("a")] }, { role: "tool", tool_call_id: "a", content: "1", name: "f" }, answer] }, "invalid_message"],
    ["an unknown key on assistant", { messages: [user, { ...answer, finish_reason: "stop" }] }, "invalid_message"],
    ["weight other than 0/1", { messages: [user, { ...answer, weight: 0.5 }] }, "invalid_message"],
    ["empty name", { messages: [{ ...user, name: "" }, answer] }, "invalid_message"],
    ["tool answering no call", { messages: [user, { role: "tool", tool_call_id: "x", content: "1" }, answer] }, "invalid_tool_call"],
    ["tool answering a later call", { messages: [user, { role: "tool", tool_call_id: "a", content: "1" }, { role: "assistant", content: null, tool_calls: [call("a")] }] }, "invalid_tool_call"],
    ["tool without tool_call_id", { messages: [user, { role: "assistant", content: null, tool_calls: [call("a")] }, { role: "tool", content: "1" }, answer] }, "invalid_tool_call"],
    ["tool with non-string content", { messages: [user, { role: "assistant", content: null, tool_calls: [call("a")] }, { role: "tool", tool_call_id: "a", content: { v: 1 } }, answer] }, "invalid_message"],
    ["duplicate call ids", { messages: [user, { role: "assistant", content: null, tool_calls: [call("a"), call("a")] }] }, "invalid_tool_call"],
    ["duplicate ids across turns", { messages: [user, { role: "assistant", content: null, tool_calls: [call("a")] }, { role: "tool", tool_call_id: "a", content: "1" }, { role: "assistant", content: null, tool_calls: [call("a")] }] }, "invalid_tool_call"],
    ["empty tool_calls", { messages: [user, { role: "assistant", content: "x", tool_calls: [] }] }, "invalid_tool_call"],
    ["call without id", { messages: [user, { role: "assistant", content: null, tool_calls: [{ type: "function", function: { name: "f", arguments: "{}" } }] }] }, "invalid_tool_call"],
    ["call of another type", { messages: [user, { role: "assistant", content: null, tool_calls: [{ ...call("a"), type: "code" }] }] }, "invalid_tool_call"],
    ["call without name", { messages: [user, { role: "assistant", content: null, tool_calls: [{ id: "a", type: "function", function: { arguments: "{}" } }] }] }, "invalid_tool_call"],
    ["object arguments", { messages: [user, { role: "assistant", content: null, tool_calls: [{ id: "a", type: "function", function: { name: "f", arguments: {} } }] }] }, "invalid_tool_call"],
    ["a call left unanswered before the next turn", { messages: [user, { role: "assistant", content: null, tool_calls: [call("a"), call("b")] }, { role: "tool", tool_call_id: "a", content: "1" }, answer] }, "invalid_tool_call"],
    ["a result after another message", { messages: [user, { role: "assistant", content: null, tool_calls: [call("a")] }, user, { role: "tool", tool_call_id: "a", content: "1" }, answer] }, "invalid_tool_call"],
    ["a call answered twice", { messages: [user, { role: "assistant", content: null, tool_calls: [call("a")] }, { role: "tool", tool_call_id: "a", content: "1" }, { role: "tool", tool_call_id: "a", content: "1" }, answer] }, "invalid_tool_call"],
    ["arguments not JSON", { messages: [user, { role: "assistant", content: null, tool_calls: [call("a", "{oops")] }] }, "invalid_tool_call"],
    ["extra key on a call", { messages: [user, { role: "assistant", content: null, tool_calls: [{ ...call("a"), index: 0 }] }] }, "invalid_tool_call"],
  ])("rejects %s", (_label, example, reason) => {
    expect(reasonOf(example)).toBe(reason);
  });
});
