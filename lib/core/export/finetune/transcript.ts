// One GENERATION span as chat messages: its input messages (system, user, earlier turns, tool results)
// followed by its output (the assistant's answer), with the tool calls that only the tool_calls column
// records attached to the answer, and the tools it was offered. The span unit writes it as it is; the
// trace and session units merge several (merge-conversation.ts).
import { messagesOf, toOpenAiToolCall, toOpenAiTools, type ChatMessage } from "../openai-messages";
import type { ExportRow, SkipReason } from "../types";

export interface Transcript {
  messages: ChatMessage[];
  /** The tool definitions offered, when any. */
  tools?: unknown[];
}

export type TranscriptResult = Transcript | { skip: SkipReason; detail: string };

/** A tool call's id, or undefined (a call without an id is left for the validator to reject). */
export function callId(call: unknown): unknown {
  return typeof call === "object" && call !== null ? (call as { id?: unknown }).id : undefined;
}

/** The ids of the tool calls the messages carry. */
export function callIdsOf(messages: ChatMessage[]): Set<unknown> {
  return new Set(messages.flatMap((m) => (Array.isArray(m.tool_calls) ? m.tool_calls : [])).map(callId));
}

/**
 * The span's messages. `known` holds call ids of earlier turns outside this span (the conversation
 * merged so far), which are never attached again.
 */
export function transcriptOf(row: Pick<ExportRow, "type" | "input" | "output" | "tool_calls" | "tools">, known: Set<unknown> = new Set()): TranscriptResult {
  if (row.type !== "GENERATION") return { skip: "not_a_generation", detail: `the span is a ${row.type}` };
  const input = messagesOf(row.input, "user");
  const output = messagesOf(row.output, "assistant");
  if (!input || !output) return { skip: "invalid_message", detail: "input or output is not a list of chat messages" };
  if (input.length === 0 && output.length === 0) return { skip: "no_messages", detail: "the span has no input or output" };

  // Producers that record tool calls only in the tool_calls column: attach them to the answer. A call
  // whose id the conversation already holds belongs to an earlier turn (some producers list every call
  // of the span); attaching it again would repeat its id, which no valid example may.
  const seen = new Set([...known, ...callIdsOf([...input, ...output])]);
  const calls = (Array.isArray(row.tool_calls) ? row.tool_calls : []).map(toOpenAiToolCall).filter((c) => !seen.has(callId(c)));
  if (calls.length > 0 && !output.some((m) => "tool_calls" in m)) {
    const last = output[output.length - 1];
    if (last?.role === "assistant") last.tool_calls = calls;
    else output.push({ role: "assistant", content: null, tool_calls: calls });
  }
  if (!output.some((m) => m.role === "assistant")) {
    return { skip: "no_assistant_output", detail: "the output has no assistant message" };
  }
  // The tools the generation was offered travel with it: a model is fine-tuned to call them.
  const tools = toOpenAiTools(row.tools);
  return tools ? { messages: [...input, ...output], tools } : { messages: [...input, ...output] };
}
