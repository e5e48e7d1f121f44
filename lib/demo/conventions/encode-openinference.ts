// The support agent, instrumented with OpenInference (as the OpenAI Agents SDK instrumentor would):
// messages flattened into llm.input_messages.<i>.message.* keys, tools as JSON schemas, tags and
// metadata through OpenInference's own attributes.
import type { AttributeMap } from "../../core/ingest/otlp-attributes";
import type { ChatMessage } from "../types";
import { DEMO_MARK, type Encoded, type Generation } from "./otlp-span";

function flatten(prefix: string, messages: ChatMessage[]): AttributeMap {
  const out: AttributeMap = {};
  messages.forEach((m, i) => {
    const p = `${prefix}.${i}.message`;
    out[`${p}.role`] = m.role;
    if (m.content !== null) out[`${p}.content`] = m.content;
    if (m.tool_call_id) out[`${p}.tool_call_id`] = m.tool_call_id;
    (m.tool_calls ?? []).forEach((c, j) => {
      out[`${p}.tool_calls.${j}.tool_call.id`] = c.id;
      out[`${p}.tool_calls.${j}.tool_call.function.name`] = c.function.name;
      out[`${p}.tool_calls.${j}.tool_call.function.arguments`] = c.function.arguments;
    });
  });
  return out;
}

export function encodeOpenInference(g: Generation): Encoded[] {
  const { span } = g;
  const tools: AttributeMap = {};
  (span.tools ?? []).forEach((t, i) => (tools[`llm.tools.${i}.tool.json_schema`] = JSON.stringify(t)));
  return [
    {
      name: span.span_name,
      spanId: span.span_id,
      parentSpanId: span.parent_span_id,
      attributes: {
        "openinference.span.kind": "LLM",
        "llm.system": g.provider,
        "llm.provider": g.provider,
        "llm.model_name": g.model,
        "llm.invocation_parameters": JSON.stringify({ model: g.model, temperature: g.temperature }),
        ...(g.input ? flatten("llm.input_messages", g.input) : {}),
        ...(g.output ? flatten("llm.output_messages", g.output) : {}),
        ...tools,
        "llm.token_count.prompt": span.input_tokens ?? 0,
        "llm.token_count.completion": span.output_tokens ?? 0,
        "llm.token_count.total": (span.input_tokens ?? 0) + (span.output_tokens ?? 0),
        "llm.cost.total": span.cost ?? 0,
        "user.id": span.user_id ?? "",
        "session.id": span.session_id ?? "",
        "tag.tags": span.tags,
        metadata: JSON.stringify(span.metadata),
        ...DEMO_MARK,
      },
    },
  ];
}
