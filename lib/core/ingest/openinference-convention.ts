// OpenInference (Arize Phoenix; the OpenAI, OpenAI Agents, LlamaIndex, LangChain … instrumentors):
//   openinference.span.kind                LLM | EMBEDDING (model calls) | CHAIN | TOOL | AGENT | RETRIEVER | …
//   llm.model_name (llm.request.model_name, llm.response.model_name), embedding.model_name
//   llm.input_messages.<i>.message.role | .content | .name | .tool_call_id
//                                 .contents.<k>.message_content.type | .text
//                                 .tool_calls.<j>.tool_call.id | .function.name | .function.arguments
//   llm.output_messages.<i>.message.…      (the same)
//   llm.token_count.prompt | .completion, llm.cost.total
//   llm.tools.<i>.tool.json_schema         (the definition as JSON; or a bare schema beside tool.name / tool.description)
//   input.value / output.value             (any span's input and output, JSON or text)
//   tag.tags (string list), metadata (a JSON object in a string)
// `user.id` and `session.id` are OpenInference's names too; Flywheel reads them for every span
// (flywheel-fields.ts), so this reader does not.
import type { SpanType } from "../filters";
import type { JsonValue } from "./any-value";
import { finiteNumber, keysWithPrefix, listValue, nonEmptyString, objectValue, plainValue, tokenCount } from "./attribute-values";
import { asText, type ChatMessage } from "./chat-messages";
import { defined, type Attrs, type ConventionFields, type Sourced } from "./convention-fields";
import { groupByIndex, type Group } from "./indexed-groups";
import { messagesFromAttribute } from "./semconv-messages";
import { toolDefinitionOf, type ToolDefinition } from "./tool-definitions";

const MODEL_CALLS = new Set(["LLM", "EMBEDDING"]);
const KINDS = new Set(["LLM", "EMBEDDING", "CHAIN", "TOOL", "AGENT", "RETRIEVER", "RERANKER", "GUARDRAIL", "EVALUATOR", "PROMPT"]);

function kindOf(value: JsonValue | undefined): SpanType | undefined {
  const kind = nonEmptyString(value)?.toUpperCase();
  if (!kind || !KINDS.has(kind)) return undefined;
  return MODEL_CALLS.has(kind) ? "GENERATION" : "SPAN";
}

/** One flattened message (the keys after `llm.input_messages.<i>.`) → a raw OpenAI-shaped message. */
function rawMessage(fields: Group): Record<string, unknown> {
  const contents = groupByIndex(fields, "message.contents")
    .filter(([, c]) => c["message_content.type"] === undefined || c["message_content.type"] === "text")
    .map(([, c]) => ({ type: "text", text: asText(c["message_content.text"]) }));
  const toolCalls = groupByIndex(fields, "message.tool_calls").map(([, c]) => ({
    id: c["tool_call.id"],
    type: "function",
    function: { name: c["tool_call.function.name"], arguments: c["tool_call.function.arguments"] },
  }));
  // The older single function call of OpenAI's API.
  if (!toolCalls.length && fields["message.function_call_name"] != null) {
    toolCalls.push({ id: null, type: "function", function: { name: fields["message.function_call_name"], arguments: fields["message.function_call_arguments_json"] } });
  }
  return {
    role: fields["message.role"],
    name: fields["message.name"],
    content: fields["message.content"] ?? (contents.length ? contents : undefined),
    tool_calls: toolCalls.length ? toolCalls : undefined,
    tool_call_id: fields["message.tool_call_id"],
  };
}

function messagesOf(attrs: Attrs, prefix: string): Sourced<ChatMessage[]> | undefined {
  const groups = groupByIndex(attrs, prefix);
  if (!groups.length) return undefined;
  const value = messagesFromAttribute(groups.map(([, fields]) => rawMessage(fields)));
  return value && { value, keys: keysWithPrefix(attrs, `${prefix}.`) };
}

function toolsOf(attrs: Attrs): Sourced<ToolDefinition[]> | undefined {
  const tools = groupByIndex(attrs, "llm.tools")
    .map(([, t]) => toolDefinitionOf(t["tool.json_schema"] ?? t["tool.parameters"], { name: t["tool.name"], description: t["tool.description"] }))
    .filter((t): t is ToolDefinition => t !== undefined);
  return tools.length ? { value: tools, keys: keysWithPrefix(attrs, "llm.tools.") } : undefined;
}

/** `metadata`: a JSON object in a string → a flat string map (nested values as JSON text). */
function metadataOf(value: JsonValue | undefined): Record<string, string> | undefined {
  const obj = objectValue(value);
  if (!obj) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) if (v != null) out[k] = asText(v);
  return Object.keys(out).length ? out : undefined;
}

function tagsOf(value: JsonValue | undefined): string[] | undefined {
  const list = listValue(value)?.filter((t) => t != null && t !== "").map((t) => asText(t));
  return list?.length ? list : undefined;
}

export function readOpenInference({ attrs }: { attrs: Attrs }): ConventionFields {
  return defined({
    kind: kindOf(attrs["openinference.span.kind"]),
    // The requested model first, as for gen_ai.* (what the application chose).
    model:
      nonEmptyString(attrs["llm.request.model_name"]) ??
      nonEmptyString(attrs["llm.model_name"]) ??
      nonEmptyString(attrs["llm.response.model_name"]) ??
      nonEmptyString(attrs["embedding.model_name"]),
    inputTokens: tokenCount(attrs["llm.token_count.prompt"]),
    outputTokens: tokenCount(attrs["llm.token_count.completion"]),
    cost: finiteNumber(attrs["llm.cost.total"]),
    inputMessages: messagesOf(attrs, "llm.input_messages"),
    outputMessages: messagesOf(attrs, "llm.output_messages"),
    inputValue: plainValue(attrs["input.value"]),
    outputValue: plainValue(attrs["output.value"]),
    tools: toolsOf(attrs),
    tags: tagsOf(attrs["tag.tags"]),
    metadata: metadataOf(attrs["metadata"]),
  });
}
