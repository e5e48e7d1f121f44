// The shapes the dashboard receives from its own API routes. Rows follow the jsonl export row of
// SPEC §3, so the table shows exactly what an export of the same filters would contain.
import type { SpanType, Status } from "@/lib/core/filters";

export interface TraceRow {
  trace_id: string;
  span_id: string;
  span_name: string;
  type: SpanType;
  model: string | null;
  status: Status;
  latency_ms: number | null;
  timestamp: string;
  input?: unknown;
  output?: unknown;
  tool_calls?: unknown;
  metadata: Record<string, string>;
  user_id: string | null;
  tags: string[];
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
  scores: Record<string, number>;
}

/** GET /api/traces */
export interface TracesPage {
  rows: TraceRow[];
  /** Rows matching the filters across all pages. */
  total: number;
  next_cursor: string | null;
}

/** One score as the detail panel shows it (a row's `scores` keeps only name → value). */
export interface ScoreDetail {
  name: string;
  value: number;
  label: string | null;
  comment: string | null;
  source: string;
  created_at: string;
  /** null: a trace-level score, carried by every span of the trace. */
  span_id: string | null;
}

export interface SpanDetail {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  span_name: string;
  type: SpanType;
  model: string | null;
  status: Status;
  status_message: string | null;
  timestamp: string;
  end_time: string | null;
  latency_ms: number | null;
  input: unknown;
  output: unknown;
  tool_calls: unknown;
  metadata: Record<string, string>;
  user_id: string | null;
  session_id: string | null;
  tags: string[];
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
  scores: ScoreDetail[];
}

/** GET /api/traces/[traceId] */
export interface TraceDetail {
  trace_id: string;
  spans: SpanDetail[];
}
