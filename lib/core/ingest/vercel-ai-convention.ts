// Vercel AI SDK (`experimental_telemetry`). A call such as generateText makes a wrapper span
// (`ai.generateText`) around one provider call per step (`ai.generateText.doGenerate`); streamText,
// generateObject, streamObject, embed and embedMany likewise (`….doStream`, `….doEmbed`). The
// provider calls are the GENERATIONs; the wrappers (and `ai.toolCall` spans) are SPANs, so a call is
// counted once — and only the provider calls carry a model and token counts (a wrapper's tokens are
// the sum of its calls'; its attributes keep them).
//   ai.operationId                 the span's operation (also its name)
//   ai.model.id                    model
//   ai.prompt.messages             the provider prompt, JSON: [{role, content}] where content is text
//                                  or parts: {type:"text",text} | {type:"tool-call",toolCallId,toolName,input|args}
//                                  | {type:"tool-result",toolCallId,toolName,output|result}
//   ai.prompt.tools                one JSON string per tool: {type:"function",name,description,inputSchema|parameters}
//   ai.response.text, ai.response.toolCalls ([{toolCallId,toolName,input|args}] JSON), ai.response.object
//                                  (ai.result.* in SDK 3)
//   ai.usage.promptTokens / completionTokens (SDK 4), ai.usage.inputTokens / outputTokens (SDK 5+),
//   ai.usage.tokens (embeddings)
//   ai.prompt (a wrapper's input: {system, prompt, messages}), ai.toolCall.args / ai.toolCall.result
//   ai.telemetry.metadata.<key>    metadata; userId and sessionId among them name the user and session
import type { JsonValue } from "./any-value";
import { listValue, nonEmptyString, plainValue, prefixedMap, tokenCount } from "./attribute-values";
import type { ChatMessage } from "./chat-messages";
import { defined, type Attrs, type ConventionFields, type Sourced, type SpanView } from "./convention-fields";
import { toolDefinitionsOf, type ToolDefinition } from "./tool-definitions";
import { vercelMessages, vercelResponse } from "./vercel-ai-messages";

const METADATA_PREFIX = "ai.telemetry.metadata.";
const PROVIDER_CALL = /^ai\.\w+\.do(Generate|Stream|Embed)$/;
const RESPONSE_KEYS = ["ai.response.text", "ai.response.toolCalls", "ai.response.object", "ai.result.text", "ai.result.toolCalls", "ai.result.object"];

function inputOf(attrs: Attrs): Sourced<ChatMessage[]> | undefined {
  const value = vercelMessages(attrs["ai.prompt.messages"]);
  return value && { value, keys: ["ai.prompt.messages"] };
}

function outputOf(attrs: Attrs): Sourced<ChatMessage[]> | undefined {
  const value = vercelResponse(
    attrs["ai.response.text"] ?? attrs["ai.result.text"],
    attrs["ai.response.toolCalls"] ?? attrs["ai.result.toolCalls"],
    attrs["ai.response.object"] ?? attrs["ai.result.object"],
  );
  return value && { value, keys: RESPONSE_KEYS.filter((k) => k in attrs) };
}

function toolsOf(attrs: Attrs): Sourced<ToolDefinition[]> | undefined {
  const value = toolDefinitionsOf(listValue(attrs["ai.prompt.tools"]));
  return value && { value, keys: ["ai.prompt.tools"] };
}

/** What a wrapper or tool-call span shows: its prompt and result, as they were recorded. */
function plainInput(attrs: Attrs): JsonValue | null {
  return plainValue(attrs["ai.prompt"] ?? attrs["ai.toolCall.args"] ?? attrs["ai.value"] ?? attrs["ai.values"]);
}

function plainOutput(attrs: Attrs): JsonValue | null {
  return plainValue(attrs["ai.response.text"] ?? attrs["ai.response.object"] ?? attrs["ai.toolCall.result"] ?? attrs["ai.result.text"] ?? attrs["ai.result.object"]);
}

export function readVercelAi({ name, attrs }: SpanView): ConventionFields {
  const metadata = prefixedMap(attrs, METADATA_PREFIX);
  const identity = {
    metadata: Object.keys(metadata).length ? metadata : undefined,
    userId: nonEmptyString(metadata.userId),
    sessionId: nonEmptyString(metadata.sessionId),
  };
  const operation = nonEmptyString(attrs["ai.operationId"]) ?? (name.startsWith("ai.") ? name : null);
  if (!operation?.startsWith("ai.")) return defined(identity);
  if (!PROVIDER_CALL.test(operation)) {
    // No model or tokens either: filtering by model, or summing tokens, finds each call once.
    return defined({ ...identity, kind: "SPAN", inputValue: plainInput(attrs), outputValue: plainOutput(attrs) });
  }
  return defined({
    ...identity,
    kind: "GENERATION",
    model: nonEmptyString(attrs["ai.model.id"]),
    inputTokens: tokenCount(attrs["ai.usage.inputTokens"], attrs["ai.usage.promptTokens"], attrs["ai.usage.tokens"]),
    outputTokens: tokenCount(attrs["ai.usage.outputTokens"], attrs["ai.usage.completionTokens"]),
    inputMessages: inputOf(attrs),
    outputMessages: outputOf(attrs),
    tools: toolsOf(attrs),
  });
}
