// Builders for OpenAI-style chat messages (docs/data-model.md), the one shape GENERATION content takes.
import type { Rng } from "./prng";
import type { ChatMessage, ChatToolCall } from "./types";

export const system = (content: string): ChatMessage => ({ role: "system", content });
export const user = (content: string): ChatMessage => ({ role: "user", content });
export const assistant = (content: string): ChatMessage => ({ role: "assistant", content });

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A tool call as a model emits it, with an id like OpenAI's `call_…`. */
export function toolCall(rng: Rng, name: string, args: Record<string, unknown>): ChatToolCall {
  let id = "call_";
  for (let i = 0; i < 24; i++) id += BASE62[rng.int(0, 61)];
  return { id, type: "function", function: { name, arguments: JSON.stringify(args) } };
}

/** The assistant turn that asks for tools: content is null when it only calls tools, as OpenAI sends it. */
export const callTools = (calls: ChatToolCall[], content: string | null = null): ChatMessage => ({
  role: "assistant",
  content,
  tool_calls: calls,
});

/** The app's answer to one tool call, fed back to the model in the next generation's input. */
export const toolResult = (call: ChatToolCall, result: unknown): ChatMessage => ({
  role: "tool",
  tool_call_id: call.id,
  content: typeof result === "string" ? result : JSON.stringify(result),
});

/** The arguments a tool call carries, parsed. */
export const argsOf = (call: ChatToolCall): Record<string, unknown> => JSON.parse(call.function.arguments);
