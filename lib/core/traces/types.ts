// The Traces page's detail panel data: every span of one trace with its full content and the scores
// that apply to it (the export row keeps only name → value; the panel also shows label, comment, source).
import type { SpanColumns } from "../span-columns";

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

export interface SpanDetail extends SpanColumns {
  /** The scores on this span plus the trace-level ones, newest per name (the row's `scores`, in full). */
  scores: ScoreDetail[];
}

export interface TraceDetail {
  trace_id: string;
  spans: SpanDetail[];
}
