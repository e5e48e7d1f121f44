// Row shapes the generator produces. Keys are the database column names, so rows go into the
// database through jsonb_to_recordset as they are, and read like the export's JSONL rows.
// Content follows docs/data-model.md: OpenAI-style chat messages in input/output of GENERATIONs.
import type { SpanType, Status } from "../filters";

// The canonical chat message shape is defined once, beside the ingest code that normalises into it.
export type { ChatMessage, ChatToolCall, ChatRole as Role } from "../ingest/chat-messages";

/** A tool call in the span's `tool_calls` column. */
export interface SpanToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown> | string;
}

export interface DemoSpan {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  span_name: string;
  type: SpanType;
  model: string | null;
  status: Status;
  status_message: string | null;
  /** ISO 8601 */
  timestamp: string;
  end_time: string | null;
  latency_ms: number | null;
  input: unknown;
  output: unknown;
  tool_calls: SpanToolCall[] | null;
  metadata: Record<string, string>;
  user_id: string | null;
  session_id: string | null;
  tags: string[];
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
  attributes: Record<string, unknown>;
}

export type ScoreSource = "eval" | "human" | "api";

export interface DemoScore {
  id: string;
  trace_id: string;
  span_id: string | null;
  name: string;
  value: number;
  label: string | null;
  comment: string | null;
  source: ScoreSource;
  /** ISO 8601 */
  created_at: string;
}

export interface DemoData {
  spans: DemoSpan[];
  scores: DemoScore[];
}
