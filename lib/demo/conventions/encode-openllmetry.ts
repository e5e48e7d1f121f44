// Docs Q&A, instrumented with OpenLLMetry (Traceloop's SDK): indexed gen_ai.prompt / gen_ai.completion
// attributes, functions under llm.request.functions, user, session and the rest of the metadata as
// association properties.
import type { AttributeMap } from "../../core/ingest/otlp-attributes";
import type { ChatMessage } from "../types";
import { DEMO_MARK, type Encoded, type Generation } from "./otlp-span";

function indexed(prefix: string, messages: ChatMessage[]): AttributeMap {
  const out: AttributeMap = {};
  messages.forEach((m, i) => {
    out[`${prefix}.${i}.role`] = m.role;
    if (m.content) out[`${prefix}.${i}.content`] = m.content;
    if (m.tool_call_id) out[`${prefix}.${i}.tool_call_id`] = m.tool_call_id;
    (m.tool_calls ?? []).forEach((c, j) => {
      out[`${prefix}.${i}.tool_calls.${j}.id`] = c.id;
      out[`${prefix}.${i}.tool_calls.${j}.name`] = c.function.name;
      out[`${prefix}.${i}.tool_calls.${j}.arguments`] = c.function.arguments;
    });
  });
  return out;
}

export function encodeOpenLlmetry(g: Generation): Encoded[] {
  const { span } = g;
  const functions: AttributeMap = {};
  (span.tools ?? []).forEach((t, i) => {
    functions[`llm.request.functions.${i}.name`] = t.function.name;
    if (t.function.description) functions[`llm.request.functions.${i}.description`] = t.function.description;
    functions[`llm.request.functions.${i}.parameters`] = JSON.stringify(t.function.parameters ?? {});
  });
  const association: AttributeMap = {};
  for (const [k, v] of Object.entries({ ...span.metadata, user_id: span.user_id ?? "", session_id: span.session_id ?? "" })) {
    association[`traceloop.association.properties.${k}`] = v;
  }
  return [
    {
      name: span.span_name,
      spanId: span.span_id,
      parentSpanId: span.parent_span_id,
      attributes: {
        "llm.request.type": "chat",
        "gen_ai.system": g.provider,
        "gen_ai.request.model": g.model,
        "gen_ai.request.temperature": g.temperature,
        ...(span.status === "STATUS_CODE_ERROR" ? {} : { "gen_ai.response.model": g.responseModel }),
        "llm.is_streaming": false,
        ...(g.input ? indexed("gen_ai.prompt", g.input) : {}),
        ...(g.output ? indexed("gen_ai.completion", g.output) : {}),
        ...functions,
        "gen_ai.usage.prompt_tokens": span.input_tokens ?? 0,
        "gen_ai.usage.completion_tokens": span.output_tokens ?? 0,
        "llm.usage.total_tokens": (span.input_tokens ?? 0) + (span.output_tokens ?? 0),
        "gen_ai.usage.cost": span.cost ?? 0,
        "traceloop.workflow.name": span.metadata.feature ?? "",
        ...association,
        "flywheel.tags": span.tags,
        ...DEMO_MARK,
      },
    },
  ];
}
