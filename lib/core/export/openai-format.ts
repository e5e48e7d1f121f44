// `format=openai`: one `{"messages":[…]}` fine-tuning example per GENERATION span — its input
// messages (system, user, earlier turns, tool results) followed by its output (the assistant's
// answer), with `"tools":[…]` when the generation was offered tool definitions. A row that cannot become a valid example is skipped with a reason, never written half-right.
import { messagesOf, toOpenAiToolCall, toOpenAiTools } from "./openai-messages";
import { validateOpenAiExample } from "./openai-validate";
import type { ExportRow, SkipReason } from "./types";

export type OpenAiResult = { line: string } | { skip: SkipReason; detail: string };

/** A tool call's id, or undefined (a call without an id is left for the validator to reject). */
function callId(call: unknown): unknown {
  return typeof call === "object" && call !== null ? (call as { id?: unknown }).id : undefined;
}

export function toOpenAiExample(row: ExportRow): OpenAiResult {
  if (row.type !== "GENERATION") return { skip: "not_a_generation", detail: `the span is a ${row.type}` };
  const input = messagesOf(row.input, "user");
  const output = messagesOf(row.output, "assistant");
  if (!input || !output) return { skip: "invalid_message", detail: "input or output is not a list of chat messages" };
  if (input.length === 0 && output.length === 0) return { skip: "no_messages", detail: "the span has no input or output" };

  // Producers that record tool calls only in the tool_calls column: attach them to the answer. A call
  // whose id the conversation already holds belongs to an earlier turn (some producers list every call
  // of the span); attaching it again would repeat its id, which no valid example may.
  const known = new Set([...input, ...output].flatMap((m) => (Array.isArray(m.tool_calls) ? m.tool_calls : [])).map(callId));
  const calls = (Array.isArray(row.tool_calls) ? row.tool_calls : []).map(toOpenAiToolCall).filter((c) => !known.has(callId(c)));
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
  const example = tools ? { messages: [...input, ...output], tools } : { messages: [...input, ...output] };
  const v = validateOpenAiExample(example);
  if (!v.ok) return { skip: v.reason, detail: v.detail };
  return { line: JSON.stringify(example) };
}
