// P4's client: spans made by the OpenTelemetry SDK and sent by the official OTLP/HTTP exporters, in
// either encoding: protobuf (@opentelemetry/exporter-trace-otlp-proto) or JSON
// (@opentelemetry/exporter-trace-otlp-http). Both get the same ReadableSpans, so the only difference
// between the two series is the encoding (serializing it here, decoding it in the server).
import { context, trace, SpanStatusCode } from "@opentelemetry/api";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { BasicTracerProvider, type ReadableSpan, type SpanExporter, type SpanProcessor } from "@opentelemetry/sdk-trace-base";

export type Encoding = "protobuf" | "json";

/** Collects finished spans, so the export can be timed apart from span creation. */
class Collector implements SpanProcessor {
  spans: ReadableSpan[] = [];
  onStart() {}
  onEnd(span: ReadableSpan) {
    this.spans.push(span);
  }
  async forceFlush() {}
  async shutdown() {}
}

export function makeSpans(count: number): ReadableSpan[] {
  const collector = new Collector();
  const provider = new BasicTracerProvider({ spanProcessors: [collector] });
  const tracer = provider.getTracer("flywheel-bench");
  for (let i = 0; i < count; i += 2) {
    const root = tracer.startSpan("chat-request", { attributes: { "user.id": `user_${i % 50}`, "flywheel.tags": ["bench"] } });
    const ctx = trace.setSpan(context.active(), root);
    const gen = tracer.startSpan("llm-call", {
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "gpt-4o-mini",
        "gen_ai.usage.input_tokens": 420,
        "gen_ai.usage.output_tokens": 180,
        "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: `Question ${i}: ${"why is the sky blue? ".repeat(20)}` }] }]),
        "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: `Answer ${i}: ${"Rayleigh scattering. ".repeat(20)}` }] }]),
      },
    }, ctx);
    if (i % 20 === 0) gen.setStatus({ code: SpanStatusCode.ERROR, message: "rate limited" });
    gen.end();
    root.end();
  }
  return collector.spans.slice(0, count);
}

function exporterFor(encoding: Encoding, url: string, headers: Record<string, string>): SpanExporter {
  const config = { url, headers, timeoutMillis: 60_000 };
  return encoding === "protobuf" ? new ProtoExporter(config) : new JsonExporter(config);
}

/**
 * Sends the spans in batches of `batchSize` through the official exporter of that encoding; resolves
 * with the elapsed ms.
 */
export async function sendSpans(
  baseUrl: string,
  headers: Record<string, string>,
  spans: ReadableSpan[],
  encoding: Encoding,
  batchSize = 512,
): Promise<number> {
  const exporter = exporterFor(encoding, `${baseUrl}/v1/traces`, headers);
  const started = performance.now();
  // Two batches in flight, as a BatchSpanProcessor under load would keep the server busy.
  const batches: ReadableSpan[][] = [];
  for (let i = 0; i < spans.length; i += batchSize) batches.push(spans.slice(i, i + batchSize));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      await new Promise<void>((resolve, reject) =>
        exporter.export(batch, (r) => (r.code === 0 ? resolve() : reject(r.error ?? new Error("export failed")))),
      );
    }
  };
  await Promise.all([worker(), worker()]);
  const elapsed = performance.now() - started;
  await exporter.shutdown();
  return elapsed;
}
