// Span events (exceptions, log points, streaming markers) become rows of their own, type EVENT, so
// they can be filtered and exported like any span. OTLP gives events no id, so each gets a
// deterministic one: a re-sent span re-derives the same ids and updates its events in place.
import { createHash } from "node:crypto";
import type { JsonValue } from "./any-value";
import { nonEmptyString, plainValue } from "./attribute-values";
import { asText } from "./chat-messages";
import type { SpanEvent } from "./convention-fields";
import { METADATA_PREFIX } from "./flywheel-fields";
import type { SpanRow } from "./span-row";
import { microsToIso, nanosToMicros } from "./time";

/** sha256 of trace id, parent span id and the event's index, truncated to a span id's 16 hex. */
export function eventSpanId(traceId: string, parentSpanId: string, index: number): string {
  return createHash("sha256").update(`${traceId}:${parentSpanId}:event:${index}`).digest("hex").slice(0, 16);
}

// Keys that already have a column of their own, so they are not repeated in the event's metadata.
const NOT_METADATA = new Set(["input.value", "output.value", "user.id", "session.id", "flywheel.tags", "flywheel.span_type"]);

/** The parent's metadata, plus every event attribute as text (flywheel.metadata.<key> as <key>). */
function eventMetadata(attrs: Record<string, JsonValue>, parent: Record<string, string>): Record<string, string> {
  const out = { ...parent };
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || NOT_METADATA.has(key)) continue;
    out[key.startsWith(METADATA_PREFIX) ? key.slice(METADATA_PREFIX.length) : key] = asText(value);
  }
  return out;
}

/**
 * One EVENT row per event, but for those whose content the span row already holds (`consumed`: the
 * GenAI message events that became its input or output): the row is the one place that content lives.
 * Ids stay those of the events' positions, so a re-sent span updates the same rows.
 */
export function eventRows(events: SpanEvent[], parent: SpanRow, consumed: ReadonlySet<number> = new Set()): SpanRow[] {
  return events.flatMap((event, index): SpanRow[] => {
    if (consumed.has(index)) return [];
    const attrs = event.attrs;
    const at = nanosToMicros(event.time);
    return [{
      trace_id: parent.trace_id,
      span_id: eventSpanId(parent.trace_id, parent.span_id, index),
      parent_span_id: parent.span_id,
      span_name: event.name || "event",
      type: "EVENT",
      model: null,
      status: "STATUS_CODE_UNSET",
      status_message: null,
      // An event without a usable time is placed at its span's start rather than dropped.
      timestamp: at !== undefined ? microsToIso(at) : parent.timestamp,
      end_time: null,
      latency_ms: null,
      input: plainValue(attrs["input.value"]),
      output: plainValue(attrs["output.value"]),
      tool_calls: null,
      metadata: eventMetadata(attrs, parent.metadata),
      // An event belongs to its span's user and session, so filtering by user finds it too.
      user_id: nonEmptyString(attrs["user.id"]) ?? parent.user_id,
      session_id: nonEmptyString(attrs["session.id"]) ?? parent.session_id,
      tags: parent.tags,
      input_tokens: null,
      output_tokens: null,
      cost: null,
      tools: null,
      attributes: attrs,
    }];
  });
}
