// OpenLLMetry / Traceloop. Its prompts and completions are the older gen_ai.* attributes
// (gen_ai.prompt.<i>.*, gen_ai.completion.<i>.*, gen_ai.usage.prompt_tokens), read with the
// OpenTelemetry GenAI ones (genai-convention.ts). Its own keys:
//   llm.request.functions.<i>.name | .description | .parameters (JSON schema text)   the tools offered
//   llm.usage.prompt_tokens | .completion_tokens       token counts of older releases (llm.usage.total_tokens stays raw)
//   traceloop.association.properties.<key>             metadata; user_id and session_id name the user and session
//   traceloop.entity.input / traceloop.entity.output   a workflow's or task's input and output (JSON text)
import { keysWithPrefix, nonEmptyString, plainValue, prefixedMap, tokenCount } from "./attribute-values";
import { defined, type Attrs, type ConventionFields, type Sourced } from "./convention-fields";
import { groupByIndex } from "./indexed-groups";
import { toolDefinitionOf, type ToolDefinition } from "./tool-definitions";

const ASSOCIATION_PREFIX = "traceloop.association.properties.";

function toolsOf(attrs: Attrs): Sourced<ToolDefinition[]> | undefined {
  const tools = groupByIndex(attrs, "llm.request.functions")
    .map(([, f]) => toolDefinitionOf({ name: f.name, description: f.description ?? undefined, parameters: f.parameters ?? undefined }))
    .filter((t): t is ToolDefinition => t !== undefined);
  return tools.length ? { value: tools, keys: keysWithPrefix(attrs, "llm.request.functions.") } : undefined;
}

export function readOpenLlmetry({ attrs }: { attrs: Attrs }): ConventionFields {
  const properties = prefixedMap(attrs, ASSOCIATION_PREFIX);
  return defined({
    inputTokens: tokenCount(attrs["llm.usage.prompt_tokens"]),
    outputTokens: tokenCount(attrs["llm.usage.completion_tokens"]),
    inputValue: plainValue(attrs["traceloop.entity.input"]),
    outputValue: plainValue(attrs["traceloop.entity.output"]),
    tools: toolsOf(attrs),
    metadata: Object.keys(properties).length ? properties : undefined,
    userId: nonEmptyString(properties.user_id),
    sessionId: nonEmptyString(properties.session_id),
  });
}
