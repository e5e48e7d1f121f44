// One row of the `span` table as ingest writes it (snake_case: it travels to SQL as JSON).
import type { JsonValue } from "./any-value";

export type SpanType = "GENERATION" | "SPAN" | "EVENT";
export type SpanStatus = "STATUS_CODE_UNSET" | "STATUS_CODE_OK" | "STATUS_CODE_ERROR";

export interface SpanRow {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  span_name: string;
  type: SpanType;
  model: string | null;
  status: SpanStatus;
  status_message: string | null;
  /** ISO 8601 with microseconds. */
  timestamp: string;
  end_time: string | null;
  latency_ms: number | null;
  input: JsonValue | null;
  output: JsonValue | null;
  tool_calls: JsonValue | null;
  metadata: Record<string, string>;
  user_id: string | null;
  session_id: string | null;
  tags: string[];
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
  attributes: Record<string, JsonValue>;
}
