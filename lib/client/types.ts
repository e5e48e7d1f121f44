// The shapes the dashboard receives from its own API routes. Rows are the jsonl export rows of
// SPEC §3 (lightweight), so the table shows exactly what an export of the same filters contains.
import type { SpanType, Status } from "@/lib/core/filters";

export type { ScoreDetail, SpanDetail, TraceDetail } from "@/lib/core/traces/types";

export interface TraceRow {
  trace_id: string;
  span_id: string;
  span_name: string;
  type: SpanType;
  model: string | null;
  status: Status;
  latency_ms: number | null;
  /** ISO 8601 UTC with microseconds */
  timestamp: string;
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
