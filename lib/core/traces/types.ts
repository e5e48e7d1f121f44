// The Traces page's detail panel data: every span of one trace with its full content and the scores
// that apply to it (the export row keeps only name → value; the panel also shows label, comment, source).
import type { SpanType, Status } from "../filters";

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
  /** The scores on this span plus the trace-level ones, newest per name (the row's `scores`, in full). */
  scores: ScoreDetail[];
}

export interface TraceDetail {
  trace_id: string;
  spans: SpanDetail[];
}
