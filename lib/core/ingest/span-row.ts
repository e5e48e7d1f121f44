// One row of the `span` table as ingest writes it (snake_case: it travels to SQL as JSON).
import type { SpanColumns } from "../span-columns";
import type { JsonValue } from "./any-value";

export type { SpanType, Status as SpanStatus } from "../filters";

export interface SpanRow extends SpanColumns<JsonValue | null, JsonValue | null, JsonValue | null> {
  attributes: Record<string, JsonValue>;
}

/**
 * The row's fields with their SQL types, as `jsonb_to_recordset` unpacks a batch of rows sent as one
 * JSON parameter: ingest's upsert and the demo's bulk insert read rows through this one list.
 */
export const SPAN_ROW_FIELDS: readonly (readonly [keyof SpanRow, string])[] = [
  ["trace_id", "text"],
  ["span_id", "text"],
  ["parent_span_id", "text"],
  ["span_name", "text"],
  ["type", "text"],
  ["model", "text"],
  ["status", "text"],
  ["status_message", "text"],
  ["timestamp", "timestamptz"],
  ["end_time", "timestamptz"],
  ["latency_ms", "float8"],
  ["input", "jsonb"],
  ["output", "jsonb"],
  ["tool_calls", "jsonb"],
  ["metadata", "jsonb"],
  ["user_id", "text"],
  ["session_id", "text"],
  ["tags", "text[]"],
  ["input_tokens", "int4"],
  ["output_tokens", "int4"],
  ["cost", "float8"],
  ["tools", "jsonb"],
  ["attributes", "jsonb"],
];

/** `"name" type, …`: the record definition of `jsonb_to_recordset(…) AS r(…)`. */
export const recordDefinition = (fields: readonly (readonly [string, string])[]) => fields.map(([n, t]) => `"${n}" ${t}`).join(", ");
