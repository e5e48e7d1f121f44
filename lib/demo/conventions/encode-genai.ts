// The support chat, instrumented with the OpenTelemetry GenAI conventions' current attributes
// (opentelemetry-instrumentation-openai-v2 style): messages in parts form, the system prompt apart.
import type { AttributeMap } from "../../core/ingest/otlp-attributes";
import type { ChatMessage } from "../types";
import { DEMO_MARK, flywheelMetadata, type Encoded, type Generation } from "./otlp-span";

/** A canonical message → the semconv parts form (tool results as tool_call_response parts). */
function partsOf(m: ChatMessage): object {
  if (m.role === "tool") return { role: "tool", parts: [{ type: "tool_call_response", id: m.tool_call_id, response: m.content }] };
  const parts: object[] = m.content ? [{ type: "text", content: m.content }] : [];
  for (const c of m.tool_calls ?? []) parts.push({ type: "tool_call", id: c.id, name: c.function.name, arguments: JSON.parse(c.function.arguments) });
  return { role: m.role, parts };
}

export function encodeGenAi(g: Generation): Encoded[] {
  const { span } = g;
  const [first, ...rest] = g.input ?? [];
  const system = first?.role === "system" ? first : undefined;
  const content: AttributeMap = {};
  if (g.input) {
    if (system) content["gen_ai.system_instructions"] = JSON.stringify([{ type: "text", content: system.content }]);
    content["gen_ai.input.messages"] = JSON.stringify((system ? rest : g.input).map(partsOf));
  }
  if (g.output) {
    const finish = g.output.some((m) => m.tool_calls?.length) ? "tool_call" : "stop";
    content["gen_ai.output.messages"] = JSON.stringify(g.output.map((m) => ({ ...partsOf(m), finish_reason: finish })));
  }
  if (span.tools) content["gen_ai.tool.definitions"] = JSON.stringify(span.tools.map((t) => ({ type: "function", ...t.function })));
  return [
    {
      name: span.span_name,
      spanId: span.span_id,
      parentSpanId: span.parent_span_id,
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": g.provider,
        "gen_ai.request.model": g.model,
        "gen_ai.request.temperature": g.temperature,
        ...(span.status === "STATUS_CODE_ERROR" ? {} : { "gen_ai.response.model": g.responseModel }),
        "gen_ai.usage.input_tokens": span.input_tokens ?? 0,
        "gen_ai.usage.output_tokens": span.output_tokens ?? 0,
        "gen_ai.usage.cost": span.cost ?? 0,
        "gen_ai.conversation.id": span.session_id ?? "",
        ...content,
        "user.id": span.user_id ?? "",
        "flywheel.tags": span.tags,
        ...flywheelMetadata(span.metadata),
        ...DEMO_MARK,
      },
    },
  ];
}
