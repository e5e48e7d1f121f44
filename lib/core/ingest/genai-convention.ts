// OpenTelemetry GenAI semantic conventions, attribute form: the current `gen_ai.*` attributes
// (gen_ai.input.messages, gen_ai.output.messages, gen_ai.system_instructions, gen_ai.tool.definitions,
// gen_ai.usage.*, gen_ai.request.model, gen_ai.conversation.id) and the older attributes of the same
// namespace that OpenLLMetry still writes (indexed gen_ai.prompt.<i>.* / gen_ai.completion.<i>.*,
// gen_ai.usage.prompt_tokens / completion_tokens). docs/ingest.md has the table.
import type { SpanType } from "../filters";
import { finiteNumber, keysWithPrefix, nonEmptyString, tokenCount } from "./attribute-values";
import type { ChatMessage } from "./chat-messages";
import { defined, type Attrs, type ConventionFields, type Sourced } from "./convention-fields";
import { indexedMessages } from "./indexed-messages";
import { messagesFromAttribute, systemMessageFrom } from "./semconv-messages";
import { toolDefinitionsOf } from "./tool-definitions";

/**
 * Operations that orchestrate model calls rather than make one: their spans are SPANs, so a call is
 * counted once (an agent span also carries the summed usage of the calls inside it). Any other
 * operation (chat, text_completion, generate_content, embeddings, …) is a GENERATION.
 */
const NOT_A_MODEL_CALL = new Set(["invoke_agent", "create_agent", "execute_tool", "invoke_workflow"]);

function kindOf(operation: string | null): SpanType | undefined {
  if (!operation) return undefined;
  return NOT_A_MODEL_CALL.has(operation.toLowerCase()) ? "SPAN" : "GENERATION";
}

/** A message list from the current JSON attribute, else from the older indexed (or JSON) form. */
function messagesOf(attrs: Attrs, current: string, older: string): Sourced<ChatMessage[]> | undefined {
  const fromCurrent = attrs[current] != null ? messagesFromAttribute(attrs[current]) : undefined;
  if (fromCurrent) return { value: fromCurrent, keys: [current] };
  const fromOlder = indexedMessages(attrs, older);
  if (fromOlder) return { value: fromOlder, keys: [older, ...keysWithPrefix(attrs, `${older}.`)] };
  return undefined;
}

function inputMessagesOf(attrs: Attrs): Sourced<ChatMessage[]> | undefined {
  const system = attrs["gen_ai.system_instructions"] != null ? systemMessageFrom(attrs["gen_ai.system_instructions"]) : undefined;
  const messages = messagesOf(attrs, "gen_ai.input.messages", "gen_ai.prompt");
  // Instructions given apart from the chat history lead it, unless the history already has them.
  // They stay in `attributes` as well: short, and the one place they are recorded apart.
  if (!system || messages?.value[0]?.role === "system") return messages;
  return { value: [system, ...(messages?.value ?? [])], keys: messages?.keys ?? [] };
}

export function readGenAi({ attrs }: { attrs: Attrs }): ConventionFields {
  const tools = toolDefinitionsOf(attrs["gen_ai.tool.definitions"]);
  return defined({
    kind: kindOf(nonEmptyString(attrs["gen_ai.operation.name"])),
    // The requested model is what the application chose and what users filter on; the response model
    // (often a dated snapshot, e.g. gpt-4o-2024-08-06) fills in when no request model was recorded.
    model: nonEmptyString(attrs["gen_ai.request.model"]) ?? nonEmptyString(attrs["gen_ai.response.model"]),
    inputTokens: tokenCount(attrs["gen_ai.usage.input_tokens"], attrs["gen_ai.usage.prompt_tokens"]),
    outputTokens: tokenCount(attrs["gen_ai.usage.output_tokens"], attrs["gen_ai.usage.completion_tokens"]),
    // Not a semconv attribute: producers that price their calls set it (Flywheel does not price tokens).
    cost: finiteNumber(attrs["gen_ai.usage.cost"]),
    inputMessages: inputMessagesOf(attrs),
    outputMessages: messagesOf(attrs, "gen_ai.output.messages", "gen_ai.completion"),
    tools: tools && { value: tools, keys: ["gen_ai.tool.definitions"] },
    sessionId: nonEmptyString(attrs["gen_ai.conversation.id"]),
  });
}
