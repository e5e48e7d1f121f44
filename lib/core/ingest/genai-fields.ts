// GenAI semantic-convention attributes → the span fields they fill (docs/ingest.md has the table).
import type { JsonValue } from "./any-value";
import { parseMaybeJson, toolCallsOf, type ChatMessage, type SpanToolCall } from "./chat-messages";
import { indexedMessages } from "./indexed-messages";
import { messagesFromAttribute, systemMessageFrom } from "./semconv-messages";

type Attrs = Record<string, JsonValue>;

const INT4_MAX = 2_147_483_647;

export interface GenAiFields {
  model: string | null;
  operation: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cost: number | null;
  inputMessages: ChatMessage[] | undefined;
  outputMessages: ChatMessage[] | undefined;
  toolCalls: SpanToolCall[] | null;
}

export function nonEmptyString(v: JsonValue | undefined): string | null {
  if (v == null) return null;
  const s = (typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v)).trim();
  return s ? s : null;
}

/** Token counts: whole numbers that fit the integer column; anything else is left in attributes only. */
function tokenCount(...values: (JsonValue | undefined)[]): number | null {
  for (const v of values) {
    const n = typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= INT4_MAX) return n;
  }
  return null;
}

function finiteNumber(v: JsonValue | undefined): number | null {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

function inputMessagesOf(attrs: Attrs): ChatMessage[] | undefined {
  const system = attrs["gen_ai.system_instructions"] != null ? systemMessageFrom(attrs["gen_ai.system_instructions"]) : undefined;
  const messages =
    (attrs["gen_ai.input.messages"] != null ? messagesFromAttribute(attrs["gen_ai.input.messages"]) : undefined) ??
    indexedMessages(attrs, "gen_ai.prompt");
  if (!system) return messages;
  // Instructions given apart from the chat history lead it, unless the history already has them.
  if (messages?.[0]?.role === "system") return messages;
  return [system, ...(messages ?? [])];
}

export function genAiFields(attrs: Attrs): GenAiFields {
  // The requested model is what the application chose and what users filter on; the response model
  // (often a dated snapshot, e.g. gpt-4o-2024-08-06) fills in when no request model was recorded.
  const model = nonEmptyString(attrs["gen_ai.request.model"]) ?? nonEmptyString(attrs["gen_ai.response.model"]);
  const outputMessages =
    (attrs["gen_ai.output.messages"] != null ? messagesFromAttribute(attrs["gen_ai.output.messages"]) : undefined) ??
    indexedMessages(attrs, "gen_ai.completion");
  return {
    model,
    operation: nonEmptyString(attrs["gen_ai.operation.name"]),
    inputTokens: tokenCount(attrs["gen_ai.usage.input_tokens"], attrs["gen_ai.usage.prompt_tokens"]),
    outputTokens: tokenCount(attrs["gen_ai.usage.output_tokens"], attrs["gen_ai.usage.completion_tokens"]),
    cost: finiteNumber(attrs["gen_ai.usage.cost"]),
    inputMessages: inputMessagesOf(attrs),
    outputMessages,
    toolCalls: toolCallsOf(outputMessages),
  };
}

/** `input.value` / `output.value`: JSON when the text parses as JSON, the raw string otherwise. */
export function plainValue(v: JsonValue | undefined): JsonValue | null {
  if (v == null) return null;
  return parseMaybeJson(v) as JsonValue;
}
