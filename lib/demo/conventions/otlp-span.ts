// A demo span re-expressed as the OTLP span an instrumentation would export: its ids, times and
// status as they are, its content as that instrumentation's attributes (the encoders beside this file).
import { otlpAttributes, type AttributeMap } from "../../core/ingest/otlp-attributes";
import type { OtlpSpan } from "../../core/ingest/otlp-schema";
import { MODELS, type ModelName } from "../catalog";
import type { ChatMessage, DemoSpan } from "../types";

export interface Encoded {
  name: string;
  spanId: string;
  parentSpanId: string | null;
  attributes: AttributeMap;
  events?: { name: string; attributes: AttributeMap }[];
}

/** What an encoder reads off a demo GENERATION. */
export interface Generation {
  span: DemoSpan;
  model: ModelName;
  provider: string;
  responseModel: string;
  input: ChatMessage[] | null;
  output: ChatMessage[] | null;
  temperature: number;
}

export function generationOf(span: DemoSpan): Generation {
  const model = span.model as ModelName;
  return {
    span,
    model,
    provider: MODELS[model].system,
    responseModel: MODELS[model].responseModel,
    input: (span.input as ChatMessage[] | null) ?? null,
    output: (span.output as ChatMessage[] | null) ?? null,
    temperature: Number(span.attributes["gen_ai.request.temperature"] ?? 0),
  };
}

/** Marks the rows the seed wrote (lib/demo/seed.ts looks for it); a raw attribute, kept as sent. */
export const DEMO_MARK: AttributeMap = { "flywheel.demo": true };

/** The demo's `model_provider` metadata and the like, as `flywheel.metadata.<key>` attributes. */
export const flywheelMetadata = (metadata: Record<string, string>): AttributeMap =>
  Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`flywheel.metadata.${k}`, v]));

const STATUS_CODE = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 } as const;
const nanos = (iso: string) => (BigInt(Date.parse(iso)) * 1_000_000n).toString();

export function otlpSpanOf(span: DemoSpan, e: Encoded): OtlpSpan {
  return {
    traceId: span.trace_id,
    spanId: e.spanId,
    parentSpanId: e.parentSpanId ?? "",
    name: e.name,
    startTimeUnixNano: nanos(span.timestamp),
    endTimeUnixNano: span.end_time ? nanos(span.end_time) : undefined,
    attributes: otlpAttributes(e.attributes),
    events: e.events?.map((ev) => ({ name: ev.name, timeUnixNano: nanos(span.timestamp), attributes: otlpAttributes(ev.attributes) })),
    status: { code: STATUS_CODE[span.status], message: span.status_message ?? undefined },
  };
}
