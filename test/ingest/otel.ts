// The official OpenTelemetry JS pipeline pointed at the real test server: BasicTracerProvider →
// span processor → OTLPTraceExporter, OTLP/HTTP JSON (@opentelemetry/exporter-trace-otlp-http) or
// protobuf (@opentelemetry/exporter-trace-otlp-proto). A recording wrapper keeps every export result
// and every span sent, so tests can assert success and re-send the same batch.
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OTLPProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
} from "@opentelemetry/sdk-trace-base";
import { baseUrl, type Tenancy } from "../fixtures";

// The exporter's own enum lives in a transitive package; its values are these strings.
type Compression = NonNullable<ConstructorParameters<typeof OTLPTraceExporter>[0]>["compression"];
type ResultCallback = Parameters<SpanExporter["export"]>[1];
export type ExportResult = Parameters<ResultCallback>[0];

export type Protocol = "json" | "protobuf";

export interface Pipeline {
  provider: BasicTracerProvider;
  tracer: ReturnType<BasicTracerProvider["getTracer"]>;
  exporter: SpanExporter;
  results: ExportResult[];
  sent: ReadableSpan[];
  /** Exports what is pending and waits for it. */
  flush(): Promise<void>;
  /** Sends spans again through the same exporter, resolving with the result. */
  resend(spans: ReadableSpan[]): Promise<ExportResult>;
  shutdown(): Promise<void>;
}

export function otelPipeline(
  t: Pick<Tenancy, "apiKey" | "appId">,
  opts: { batch?: boolean; gzip?: boolean; authorization?: string; protocol?: Protocol } = {},
): Pipeline {
  const config = {
    url: `${baseUrl()}/v1/traces`,
    headers: { Authorization: opts.authorization ?? `Bearer ${t.apiKey}`, "X-App-Id": t.appId },
    compression: (opts.gzip ? "gzip" : "none") as Compression,
    // A dev server compiles a route on first use; never let that read as a timeout.
    timeoutMillis: 60_000,
  };
  const exporter: SpanExporter = opts.protocol === "protobuf" ? new OTLPProtoTraceExporter(config) : new OTLPTraceExporter(config);
  const results: ExportResult[] = [];
  const sent: ReadableSpan[] = [];
  const recording: SpanExporter = {
    export(spans, done) {
      sent.push(...spans);
      exporter.export(spans, (r) => {
        results.push(r);
        done(r);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: async () => exporter.forceFlush?.(),
  };
  const processor = opts.batch
    ? new BatchSpanProcessor(recording, { maxExportBatchSize: 512, maxQueueSize: 4096, scheduledDelayMillis: 50 })
    : new SimpleSpanProcessor(recording);
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  return {
    provider,
    tracer: provider.getTracer("flywheel-ingest-test", "1.0.0"),
    exporter,
    results,
    sent,
    flush: () => provider.forceFlush(),
    resend: (spans) => new Promise((resolve) => exporter.export(spans, resolve)),
    shutdown: () => provider.shutdown(),
  };
}

/** Headers for hand-made requests with the tenancy's API key. */
export function authHeaders(t: Pick<Tenancy, "apiKey" | "appId">, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${t.apiKey}`, "x-app-id": t.appId, ...extra };
}
