// The code assistant, a Next.js app calling `streamText` with `experimental_telemetry`: the Vercel AI
// SDK records a wrapper span (`ai.streamText`) around the provider call (`ai.streamText.doStream`).
// The wrapper's id is derived from the call's, so the demo's ids stay deterministic.
import { createHash } from "node:crypto";
import type { AttributeMap } from "../../core/ingest/otlp-attributes";
import type { ChatMessage } from "../types";
import { DEMO_MARK, type Encoded, type Generation } from "./otlp-span";

/** A canonical message → the SDK's provider prompt message (LanguageModelV2Prompt). */
function promptMessage(m: ChatMessage): object {
  if (m.role === "system") return { role: "system", content: m.content ?? "" };
  if (m.role === "tool") {
    return { role: "tool", content: [{ type: "tool-result", toolCallId: m.tool_call_id, toolName: "tool", output: { type: "text", value: m.content ?? "" } }] };
  }
  const parts: object[] = m.content ? [{ type: "text", text: m.content }] : [];
  for (const c of m.tool_calls ?? []) parts.push({ type: "tool-call", toolCallId: c.id, toolName: c.function.name, input: JSON.parse(c.function.arguments) });
  return { role: m.role, content: parts };
}

export function encodeVercelAi(g: Generation): Encoded[] {
  const { span } = g;
  const functionId = span.span_name;
  const wrapperId = createHash("sha256").update(`${span.trace_id}:${span.span_id}:ai.streamText`).digest("hex").slice(0, 16);
  const telemetry: AttributeMap = {
    "ai.model.provider": `${g.provider}.chat`,
    "ai.model.id": g.model,
    "ai.settings.maxRetries": 2,
    "ai.telemetry.functionId": functionId,
    ...Object.fromEntries(Object.entries(span.metadata).map(([k, v]) => [`ai.telemetry.metadata.${k}`, v])),
    "ai.telemetry.metadata.userId": span.user_id ?? "",
    "ai.telemetry.metadata.sessionId": span.session_id ?? "",
    "resource.name": functionId,
    "flywheel.tags": span.tags,
    ...DEMO_MARK,
  };
  const answer = g.output?.[0]?.content ?? undefined;
  const usage: AttributeMap = { "ai.usage.inputTokens": span.input_tokens ?? 0, "ai.usage.outputTokens": span.output_tokens ?? 0 };
  const response: AttributeMap = answer !== undefined ? { "ai.response.text": answer, "ai.response.finishReason": "stop" } : {};
  const [system, ...messages] = g.input ?? [];
  return [
    {
      name: "ai.streamText",
      spanId: wrapperId,
      parentSpanId: span.parent_span_id,
      attributes: {
        "operation.name": `ai.streamText ${functionId}`,
        "ai.operationId": "ai.streamText",
        ...telemetry,
        ...(g.input ? { "ai.prompt": JSON.stringify({ system: system?.content, messages: messages.map((m) => ({ role: m.role, content: m.content })) }) } : {}),
        ...response,
        ...usage,
      },
    },
    {
      name: "ai.streamText.doStream",
      spanId: span.span_id,
      parentSpanId: wrapperId,
      attributes: {
        "operation.name": `ai.streamText.doStream ${functionId}`,
        "ai.operationId": "ai.streamText.doStream",
        ...telemetry,
        ...(g.input ? { "ai.prompt.messages": JSON.stringify(g.input.map(promptMessage)) } : {}),
        ...(span.tools ? { "ai.prompt.tools": span.tools.map((t) => JSON.stringify({ type: "function", name: t.function.name, description: t.function.description, inputSchema: t.function.parameters })) } : {}),
        ...response,
        ...usage,
        "gen_ai.system": `${g.provider}.chat`,
        "gen_ai.request.model": g.model,
        "gen_ai.request.temperature": g.temperature,
        ...(span.status === "STATUS_CODE_ERROR" ? {} : { "gen_ai.response.model": g.responseModel }),
        "gen_ai.usage.input_tokens": span.input_tokens ?? 0,
        "gen_ai.usage.output_tokens": span.output_tokens ?? 0,
        "gen_ai.usage.cost": span.cost ?? 0,
      },
    },
  ];
}
