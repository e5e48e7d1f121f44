// Part of the demo arrives the way real apps send it: the generations of five features are
// re-expressed as the OTLP spans of one instrumentation convention each and mapped by ingest's own
// mapper (lib/core/ingest/map-span.ts), so the Traces page shows what each convention becomes. The
// other features keep the rows the generator builds directly (docs/demo-data.md).
import type { Feature } from "../catalog";
import type { DemoSpan } from "../types";
import { mapSpan } from "../../core/ingest/map-span";
import { encodeGenAi } from "./encode-genai";
import { encodeGenAiEvents } from "./encode-genai-events";
import { encodeOpenInference } from "./encode-openinference";
import { encodeOpenLlmetry } from "./encode-openllmetry";
import { encodeVercelAi } from "./encode-vercel-ai";
import { generationOf, otlpSpanOf, type Encoded, type Generation } from "./otlp-span";

type Encoder = (g: Generation) => Encoded[];

/** Which instrumentation each feature's team uses; features not listed send Flywheel's own keys. */
export const INSTRUMENTATION: Partial<Record<Feature, { convention: string; encode: Encoder }>> = {
  "support-chat": { convention: "OpenTelemetry GenAI", encode: encodeGenAi },
  translator: { convention: "OpenTelemetry GenAI events", encode: encodeGenAiEvents },
  "support-agent": { convention: "OpenInference", encode: encodeOpenInference },
  "docs-qa": { convention: "OpenLLMetry", encode: encodeOpenLlmetry },
  "code-assistant": { convention: "Vercel AI SDK", encode: encodeVercelAi },
};

/** One generation → the rows ingest stores for it; the generator's times kept in its own ISO form. */
function mapped(span: DemoSpan, encode: Encoder): DemoSpan[] {
  return encode(generationOf(span)).flatMap((e) => {
    const result = mapSpan(otlpSpanOf(span, e), {});
    if (!result.ok) throw new Error(`demo span ${span.span_id} (${e.name}) was rejected: ${result.reason}`);
    // The same instants; the generator writes them with milliseconds (toISOString), ingest with microseconds.
    return result.rows.map((row) => ({ ...row, timestamp: span.timestamp, end_time: span.end_time }) as DemoSpan);
  });
}

/** A trace's spans, its generations as their feature's instrumentation would send them. */
export function instrument(feature: Feature, spans: DemoSpan[]): DemoSpan[] {
  const how = INSTRUMENTATION[feature];
  if (!how) return spans;
  return spans.flatMap((s) => (s.type === "GENERATION" ? mapped(s, how.encode) : [s]));
}
