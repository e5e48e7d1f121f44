// Checks one line against OpenAI's chat fine-tuning format (docs/export.md, "Formats"). The openai
// formatter runs every example through this before writing it (a failing row is skipped with the
// reason), and the tests run every line of every openai export through it again.
import type { SkipReason } from "./types";

export type Validation = { ok: true } | { ok: false; reason: SkipReason; detail: string };

const ALLOWED_KEYS: Record<string, ReadonlySet<string>> = {
  system: new Set(["role", "content", "name"]),
  user: new Set(["role", "content", "name"]),
  assistant: new Set(["role", "content", "name", "weight", "tool_calls"]),
  tool: new Set(["role", "content", "tool_call_id"]),
};

const fail = (reason: SkipReason, detail: string): Validation => ({ ok: false, reason, detail });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const nonEmptyString = (v: unknown): v is string => typeof v === "string" && v.length > 0;

function checkToolCall(call: unknown, seen: Set<string>, where: string): Validation {
  if (!isObject(call)) return fail("invalid_tool_call", `${where} is not an object`);
  const extra = Object.keys(call).filter((k) => !["id", "type", "function"].includes(k));
  if (extra.length) return fail("invalid_tool_call", `${where} has keys OpenAI does not allow: ${extra.join(", ")}`);
  if (!nonEmptyString(call.id)) return fail("invalid_tool_call", `${where}.id must be a non-empty string`);
  if (seen.has(call.id)) return fail("invalid_tool_call", `${where}.id "${call.id}" is not unique`);
  if (call.type !== "function") return fail("invalid_tool_call", `${where}.type must be "function"`);
  const fn = call.function;
  if (!isObject(fn)) return fail("invalid_tool_call", `${where}.function must be an object`);
  const fnExtra = Object.keys(fn).filter((k) => k !== "name" && k !== "arguments");
  if (fnExtra.length) return fail("invalid_tool_call", `${where}.function has unknown keys: ${fnExtra.join(", ")}`);
  if (!nonEmptyString(fn.name)) return fail("invalid_tool_call", `${where}.function.name must be a non-empty string`);
  if (typeof fn.arguments !== "string") return fail("invalid_tool_call", `${where}.function.arguments must be a JSON string`);
  try {
    JSON.parse(fn.arguments);
  } catch {
    return fail("invalid_tool_call", `${where}.function.arguments is not valid JSON`);
  }
  seen.add(call.id);
  return { ok: true };
}

function checkMessage(m: unknown, i: number, callIds: Set<string>): Validation {
  const where = `messages[${i}]`;
  if (!isObject(m)) return fail("invalid_message", `${where} is not an object`);
  const role = m.role;
  if (typeof role !== "string" || !(role in ALLOWED_KEYS)) {
    return fail("invalid_message", `${where}.role must be one of system, user, assistant, tool`);
  }
  const extra = Object.keys(m).filter((k) => !ALLOWED_KEYS[role].has(k));
  if (extra.length) return fail("invalid_message", `${where} (${role}) has keys OpenAI does not allow: ${extra.join(", ")}`);
  if (!("content" in m)) return fail("invalid_message", `${where} has no content key`);
  if ("name" in m && !nonEmptyString(m.name)) return fail("invalid_message", `${where}.name must be a non-empty string`);

  if (role === "assistant") {
    if ("weight" in m && m.weight !== 0 && m.weight !== 1) return fail("invalid_message", `${where}.weight must be 0 or 1`);
    const hasCalls = "tool_calls" in m;
    if (hasCalls) {
      if (!Array.isArray(m.tool_calls) || m.tool_calls.length === 0) {
        return fail("invalid_tool_call", `${where}.tool_calls must be a non-empty array`);
      }
      for (const [j, call] of m.tool_calls.entries()) {
        const r = checkToolCall(call, callIds, `${where}.tool_calls[${j}]`);
        if (!r.ok) return r;
      }
    }
    if (m.content === null && !hasCalls) return fail("invalid_message", `${where}: content may be null only with tool_calls`);
    if (m.content !== null && typeof m.content !== "string") return fail("invalid_message", `${where}.content must be a string or null`);
    return { ok: true };
  }
  if (typeof m.content !== "string") return fail("invalid_message", `${where}.content must be a string`);
  if (role === "tool") {
    if (!nonEmptyString(m.tool_call_id)) return fail("invalid_tool_call", `${where}.tool_call_id must be a non-empty string`);
    if (!callIds.has(m.tool_call_id)) {
      return fail("invalid_tool_call", `${where}.tool_call_id "${m.tool_call_id}" answers no earlier tool call`);
    }
  }
  return { ok: true };
}

/** OpenAI's rule for function names: letters, digits, underscores and dashes, at most 64. */
const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** `tools`: a non-empty list of `{type: "function", function: {name, description?, parameters?}}`. */
function checkTools(tools: unknown): Validation {
  if (!Array.isArray(tools) || tools.length === 0) return fail("invalid_tools", "tools must be a non-empty array");
  const names = new Set<string>();
  for (const [i, t] of tools.entries()) {
    const where = `tools[${i}]`;
    if (!isObject(t)) return fail("invalid_tools", `${where} is not an object`);
    const extra = Object.keys(t).filter((k) => k !== "type" && k !== "function");
    if (extra.length) return fail("invalid_tools", `${where} has keys OpenAI does not allow: ${extra.join(", ")}`);
    if (t.type !== "function") return fail("invalid_tools", `${where}.type must be "function"`);
    const fn = t.function;
    if (!isObject(fn)) return fail("invalid_tools", `${where}.function must be an object`);
    const fnExtra = Object.keys(fn).filter((k) => !["name", "description", "parameters"].includes(k));
    if (fnExtra.length) return fail("invalid_tools", `${where}.function has unknown keys: ${fnExtra.join(", ")}`);
    if (typeof fn.name !== "string" || !FUNCTION_NAME.test(fn.name)) {
      return fail("invalid_tools", `${where}.function.name must be 1-64 letters, digits, _ or -`);
    }
    if (names.has(fn.name)) return fail("invalid_tools", `${where}.function.name "${fn.name}" is not unique`);
    names.add(fn.name);
    if ("description" in fn && typeof fn.description !== "string") return fail("invalid_tools", `${where}.function.description must be a string`);
    if ("parameters" in fn && !isObject(fn.parameters)) return fail("invalid_tools", `${where}.function.parameters must be a JSON schema object`);
  }
  return { ok: true };
}

/**
 * As OpenAI's chat format wants tool turns: the results of an assistant message's calls follow it
 * directly (one per call, before any other message), and a tool message follows such a call. Calls
 * of the last message may stay unanswered: that example teaches the model to make the call.
 */
function checkToolOrder(messages: Record<string, unknown>[]): Validation {
  let open: Set<unknown> | undefined; // the calls of the latest assistant message not yet answered
  for (const [i, m] of messages.entries()) {
    if (m.role === "tool") {
      if (!open?.has(m.tool_call_id)) {
        return fail("invalid_tool_call", `messages[${i}] answers tool call "${String(m.tool_call_id)}", which is not among the calls right before it or was answered already`);
      }
      open.delete(m.tool_call_id);
      continue;
    }
    if (open?.size) return fail("invalid_tool_call", `messages[${i - 1}]: tool call(s) ${[...open].join(", ")} are not answered before the next message`);
    open = m.role === "assistant" && Array.isArray(m.tool_calls) ? new Set(m.tool_calls.map((c) => (c as { id?: unknown }).id)) : undefined;
  }
  return { ok: true };
}

/** Validates one parsed line: `{"messages":[…]}`, with `"tools":[…]` when tools were offered, and nothing else. */
export function validateOpenAiExample(example: unknown): Validation {
  if (!isObject(example)) return fail("invalid_message", "the line is not a JSON object");
  const extra = Object.keys(example).filter((k) => k !== "messages" && k !== "tools");
  if (extra.length) return fail("invalid_message", `unexpected top-level keys: ${extra.join(", ")}`);

  const messages = example.messages;
  if (!Array.isArray(messages) || messages.length === 0) return fail("no_messages", "messages must be a non-empty array");
  const callIds = new Set<string>();
  for (const [i, m] of messages.entries()) {
    const r = checkMessage(m, i, callIds);
    if (!r.ok) return r;
  }
  const order = checkToolOrder(messages as Record<string, unknown>[]);
  if (!order.ok) return order;
  if (!messages.some((m) => m.role === "assistant")) return fail("no_assistant_output", "no assistant message");
  if (messages[messages.length - 1].role !== "assistant") {
    return fail("no_assistant_output", "the last message must be the assistant's");
  }
  return "tools" in example ? checkTools(example.tools) : { ok: true };
}
