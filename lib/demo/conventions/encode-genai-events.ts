// The translator, instrumented the way azure-ai-inference's tracing does it: the OpenTelemetry GenAI
// conventions' older event form, one span event per message with its body as JSON in
// `gen_ai.event.content`, the answer as a `gen_ai.choice` event.
import type { ChatMessage } from "../types";
import { DEMO_MARK, flywheelMetadata, type Encoded, type Generation } from "./otlp-span";

const EVENT_OF_ROLE = { system: "gen_ai.system.message", user: "gen_ai.user.message", assistant: "gen_ai.assistant.message", tool: "gen_ai.tool.message" };

const event = (name: string, body: object) => ({ name, attributes: { "gen_ai.system": "az.ai.inference", "gen_ai.event.content": JSON.stringify(body) } });

export function encodeGenAiEvents(g: Generation): Encoded[] {
  const { span } = g;
  const answer = g.output?.[0];
  const events = [
    ...(g.input ?? []).map((m: ChatMessage) => event(EVENT_OF_ROLE[m.role], m)),
    ...(answer ? [event("gen_ai.choice", { message: { content: answer.content, tool_calls: answer.tool_calls }, finish_reason: "stop", index: 0 })] : []),
  ];
  return [
    {
      name: span.span_name,
      spanId: span.span_id,
      parentSpanId: span.parent_span_id,
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.system": "az.ai.inference",
        "gen_ai.request.model": g.model,
        "gen_ai.request.temperature": g.temperature,
        ...(span.status === "STATUS_CODE_ERROR" ? {} : { "gen_ai.response.model": g.responseModel }),
        "gen_ai.usage.input_tokens": span.input_tokens ?? 0,
        "gen_ai.usage.output_tokens": span.output_tokens ?? 0,
        "gen_ai.usage.cost": span.cost ?? 0,
        "user.id": span.user_id ?? "",
        "session.id": span.session_id ?? "",
        "flywheel.tags": span.tags,
        ...flywheelMetadata(span.metadata),
        ...DEMO_MARK,
      },
      events,
    },
  ];
}
