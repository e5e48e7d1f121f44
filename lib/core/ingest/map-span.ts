// One OTLP span → its span row plus one EVENT row per span event, or the reason it is rejected.
// This is the one place that decides which convention fills which field (docs/ingest.md, "Which
// convention wins"): each convention's reader returns what it found, and the rules below pick.
import { keyValuesToObject, type JsonValue } from "./any-value";
import { toolCallsOf } from "./chat-messages";
import type { Convention, ConventionFields, Sourced, SpanEvent, SpanView } from "./convention-fields";
import { eventRows } from "./map-event";
import { metadataOf, sessionIdOf, spanTypeOverride, tagsOf, userIdOf } from "./flywheel-fields";
import { readGenAi } from "./genai-convention";
import { readGenAiEvents } from "./genai-events-convention";
import { normaliseParentSpanId, normaliseSpanId, normaliseTraceId } from "./ids";
import { readOpenInference } from "./openinference-convention";
import { readOpenLlmetry } from "./openllmetry-convention";
import type { OtlpSpan } from "./otlp-schema";
import type { SpanRow, SpanStatus, SpanType } from "./span-row";
import { latencyMs, microsToIso, nanosToMicros } from "./time";
import { readVercelAi } from "./vercel-ai-convention";

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

/**
 * The conventions, highest precedence first. When several fill one field, the first that has it wins:
 * the OpenTelemetry GenAI attributes, then the GenAI event form, then OpenInference, the Vercel AI SDK
 * and OpenLLMetry. Flywheel's own keys (user.id, session.id, flywheel.*) are explicit and win over all.
 */
const CONVENTIONS: readonly Convention[] = [
  { read: readGenAi, namespaces: ["gen_ai"] },
  { read: readGenAiEvents, namespaces: null },
  { read: readOpenInference, namespaces: ["openinference", "llm", "embedding", "input", "output", "tag", "metadata"] },
  { read: readVercelAi, namespaces: ["ai"] },
  { read: readOpenLlmetry, namespaces: ["llm", "traceloop"] },
];

/** The first dot-separated segment of every key. */
function namespacesOf(attrs: Attrs): Set<string> {
  const out = new Set<string>();
  for (const key in attrs) {
    const dot = key.indexOf(".");
    out.add(dot < 0 ? key : key.slice(0, dot));
  }
  return out;
}

/** What every convention found, and the first value of each field in precedence order. */
function readConventions(view: SpanView) {
  const present = namespacesOf(view.attrs);
  const found = CONVENTIONS.map((c) => (c.namespaces === null || c.namespaces.some((n) => present.has(n)) ? c.read(view) : {}));
  const first = <K extends keyof ConventionFields>(key: K): ConventionFields[K] => found.find((f) => f[key] !== undefined)?.[key];
  return { found, first };
}

/**
 * Resource attributes are kept beside the span's own, under a `resource.` prefix. The content that
 * became the row's input, output or tools is left out: it is most of a generation's bytes and stored
 * once already, in canonical form (only unknown attributes must be kept raw; docs/ingest.md).
 */
export function rawAttributes(span: Attrs, resource: Attrs, mapped: ReadonlySet<string>): Attrs {
  // Object.keys, not Object.entries: the same own keys in the same order, without a pair per key.
  const out: Attrs = {};
  for (const k of Object.keys(span)) if (!mapped.has(k)) out[k] = span[k];
  for (const k of Object.keys(resource)) out[`resource.${k}`] = resource[k];
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
  const events: SpanEvent[] = (span.events ?? []).map((e) => ({ name: e.name ?? "", time: e.timeUnixNano, attrs: keyValuesToObject(e.attributes) }));
  const { found, first } = readConventions({ name: span.name ?? "", attrs, events });

  const model = first("model") ?? null;
  // Flywheel's override; else what a convention states (an operation, a span kind, a provider call);
  // else a span that names a model is a model call.
  const type: SpanType = spanTypeOverride(attrs) ?? first("kind") ?? (model ? "GENERATION" : "SPAN");
  // A generation's content is its chat messages; other spans show their plain input/output first.
  // Each falls back to the other form, so no content a producer sent is left out of the row.
  const inputMessages = first("inputMessages");
  const outputMessages = first("outputMessages");
  const [input, inputFrom] = contentOf(type, inputMessages, first("inputValue"));
  const [output, outputFrom] = contentOf(type, outputMessages, first("outputValue"));
  const tools = first("tools");

  const mappedKeys = new Set<string>();
  const consumedEvents = new Set<number>();
  for (const from of [inputFrom, outputFrom, tools]) {
    for (const k of from?.keys ?? []) mappedKeys.add(k);
    for (const e of from?.events ?? []) consumedEvents.add(e);
  }

  const row: SpanRow = {
    trace_id: traceId,
    span_id: spanId,
    parent_span_id: parentSpanId,
    span_name: span.name ?? "",
    type,
    model,
    status: statusOf(span.status?.code),
    status_message: span.status?.message || null,
    timestamp: microsToIso(start),
    end_time: end !== undefined ? microsToIso(end) : null,
    latency_ms: end !== undefined ? latencyMs(start, end) : null,
    input,
    output,
    tool_calls: json(toolCallsOf(outputMessages?.value)),
    metadata: metadataOfRow(found, attrs, resource),
    user_id: userIdOf(attrs, resource) ?? first("userId") ?? null,
    session_id: sessionIdOf(attrs, resource) ?? first("sessionId") ?? null,
    tags: tagsOfRow(found, attrs, resource),
    input_tokens: first("inputTokens") ?? null,
    output_tokens: first("outputTokens") ?? null,
    cost: first("cost") ?? null,
    tools: json(tools?.value),
    attributes: rawAttributes(attrs, resource, mappedKeys),
  };
  return { ok: true, rows: [row, ...eventRows(events, row, consumedEvents)] };
}

/** Conventions' metadata merged, the higher one winning per key; flywheel.metadata.* over all. */
function metadataOfRow(found: ConventionFields[], attrs: Attrs, resource: Attrs): Record<string, string> {
  const own = metadataOf(attrs, resource);
  if (!found.some((f) => f.metadata)) return own;
  return Object.assign({}, ...found.map((f) => f.metadata ?? {}).reverse(), own);
}

/** Flywheel's tags, then the conventions' (OpenInference's tag.tags), each once. */
function tagsOfRow(found: ConventionFields[], attrs: Attrs, resource: Attrs): string[] {
  const own = tagsOf(attrs, resource);
  if (!found.some((f) => f.tags)) return own;
  return [...new Set([...own, ...found.flatMap((f) => f.tags ?? [])])];
}

/** The row's input (or output) and, when it is chat messages, where they were read from. */
function contentOf(type: SpanType, messages: Sourced<unknown[]> | undefined, value: JsonValue | undefined): [JsonValue | null, Sourced<unknown[]> | undefined] {
  const useMessages = messages !== undefined && (type === "GENERATION" || value === undefined);
  return useMessages ? [json(messages.value), messages] : [value ?? null, undefined];
}
