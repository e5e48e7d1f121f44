// One OTLP span → its span row plus one EVENT row per span event, or the reason it is rejected.
import { keyValuesToObject, type JsonValue } from "./any-value";
import { eventRows } from "./map-event";
import { genAiFields, plainValue } from "./genai-fields";
import { metadataOf, sessionIdOf, spanTypeOverride, tagsOf, userIdOf } from "./flywheel-fields";
import { normaliseParentSpanId, normaliseSpanId, normaliseTraceId } from "./ids";
import type { OtlpSpan } from "./otlp-schema";
import type { SpanRow, SpanStatus, SpanType } from "./span-row";
import { latencyMs, microsToIso, nanosToMicros } from "./time";

type Attrs = Record<string, JsonValue>;

/** Typed message objects are JSON by construction; absent becomes SQL NULL. */
const json = (v: unknown): JsonValue | null => (v ?? null) as JsonValue | null;

export type MapResult = { ok: true; rows: SpanRow[] } | { ok: false; reason: string };

const STATUS_BY_CODE: Record<string, SpanStatus> = {
  "0": "STATUS_CODE_UNSET",
  "1": "STATUS_CODE_OK",
  "2": "STATUS_CODE_ERROR",
  STATUS_CODE_UNSET: "STATUS_CODE_UNSET",
  STATUS_CODE_OK: "STATUS_CODE_OK",
  STATUS_CODE_ERROR: "STATUS_CODE_ERROR",
  UNSET: "STATUS_CODE_UNSET",
  OK: "STATUS_CODE_OK",
  ERROR: "STATUS_CODE_ERROR",
};

export function statusOf(code: number | string | null | undefined): SpanStatus {
  return STATUS_BY_CODE[String(code ?? 0).trim().toUpperCase()] ?? "STATUS_CODE_UNSET";
}

/** The attribute keys a message list is read from, on the input and on the output side. */
const INPUT_MESSAGE_KEY = /^gen_ai\.(input\.messages|prompt)$|^gen_ai\.prompt\./;
const OUTPUT_MESSAGE_KEY = /^gen_ai\.(output\.messages|completion)$|^gen_ai\.completion\./;

/** Which mapped content keys to leave out of `attributes`: those whose content the row already holds. */
export interface MappedContent {
  inputMessages: boolean;
  outputMessages: boolean;
}

/**
 * Resource attributes are kept beside the span's own, under a `resource.` prefix. The chat messages
 * that became the row's `input` / `output` are left out: they are the bulk of a generation's attributes
 * and stored once already (SPEC asks only that unknown attributes be kept raw; docs/ingest.md).
 */
export function rawAttributes(span: Attrs, resource: Attrs, mapped: MappedContent): Attrs {
  const out: Attrs = {};
  for (const [k, v] of Object.entries(span)) {
    if (k.startsWith("gen_ai.")) {
      if (mapped.inputMessages && INPUT_MESSAGE_KEY.test(k)) continue;
      if (mapped.outputMessages && OUTPUT_MESSAGE_KEY.test(k)) continue;
    }
    out[k] = v;
  }
  for (const [k, v] of Object.entries(resource)) out[`resource.${k}`] = v;
  return out;
}

export function mapSpan(span: OtlpSpan, resource: Attrs): MapResult {
  const traceId = normaliseTraceId(span.traceId);
  if (!traceId) return { ok: false, reason: "traceId must be 32 hex characters or base64 of 16 bytes, not all zero" };
  const spanId = normaliseSpanId(span.spanId);
  if (!spanId) return { ok: false, reason: "spanId must be 16 hex characters or base64 of 8 bytes, not all zero" };
  const parentSpanId = normaliseParentSpanId(span.parentSpanId);
  if (parentSpanId === undefined) return { ok: false, reason: "parentSpanId must be empty, 16 hex characters or base64 of 8 bytes" };
  const start = nanosToMicros(span.startTimeUnixNano);
  if (start === undefined) return { ok: false, reason: "startTimeUnixNano must be nanoseconds since the epoch, not zero" };
  const endGiven = span.endTimeUnixNano != null && String(span.endTimeUnixNano).trim() !== "0";
  const end = endGiven ? nanosToMicros(span.endTimeUnixNano) : undefined;
  if (endGiven && end === undefined) return { ok: false, reason: "endTimeUnixNano must be nanoseconds since the epoch" };
  if (end !== undefined && end < start) return { ok: false, reason: "endTimeUnixNano is before startTimeUnixNano" };

  const attrs = keyValuesToObject(span.attributes);
  const gen = genAiFields(attrs);
  const type: SpanType = spanTypeOverride(attrs) ?? (gen.model || gen.operation ? "GENERATION" : "SPAN");
  // A generation's content is its chat messages; other spans carry input.value / output.value.
  // Each falls back to the other form, so no content a producer sent is left out of the row.
  const messagesFirst = type === "GENERATION";
  const inputValue = plainValue(attrs["input.value"]);
  const outputValue = plainValue(attrs["output.value"]);
  const inputMessages = json(gen.inputMessages);
  const outputMessages = json(gen.outputMessages);
  const input = messagesFirst ? (inputMessages ?? inputValue) : (inputValue ?? inputMessages);
  const output = messagesFirst ? (outputMessages ?? outputValue) : (outputValue ?? outputMessages);

  const row: SpanRow = {
    trace_id: traceId,
    span_id: spanId,
    parent_span_id: parentSpanId,
    span_name: span.name ?? "",
    type,
    model: gen.model,
    status: statusOf(span.status?.code),
    status_message: span.status?.message || null,
    timestamp: microsToIso(start),
    end_time: end !== undefined ? microsToIso(end) : null,
    latency_ms: end !== undefined ? latencyMs(start, end) : null,
    input,
    output,
    tool_calls: json(gen.toolCalls),
    metadata: metadataOf(attrs, resource),
    user_id: userIdOf(attrs, resource),
    session_id: sessionIdOf(attrs, resource),
    tags: tagsOf(attrs, resource),
    input_tokens: gen.inputTokens,
    output_tokens: gen.outputTokens,
    cost: gen.cost,
    attributes: rawAttributes(attrs, resource, {
      inputMessages: inputMessages !== null && input === inputMessages,
      outputMessages: outputMessages !== null && output === outputMessages,
    }),
  };
  return { ok: true, rows: [row, ...eventRows(span.events ?? [], row)] };
}
