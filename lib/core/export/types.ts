// The shapes the export engine hands out. ExportRow is the `jsonl` row, field for field;
// the dashboard's Traces table reads the same rows through listPage().
import type { SpanType, Status } from "../filters";
import type { RedactionKind } from "./redact/detectors";

/** One span as an export row. `input`, `output`, `tool_calls` and `tools` are absent when `lightweight` is set. */
export interface ExportRow {
  trace_id: string;
  span_id: string;
  span_name: string;
  type: SpanType;
  model: string | null;
  status: Status;
  latency_ms: number | null;
  /** ISO 8601 in UTC with microseconds, e.g. 2026-11-01T12:00:00.123456Z (the stored precision). */
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
  /** Score name → value: the span's own scores plus its trace's trace-level scores, newest per name. */
  scores: Record<string, number>;
  /** The tool definitions the model was offered ([{type: "function", function: {…}}]); null when none. */
  tools?: unknown;
}

/** What every read of the export engine needs besides the query. */
export interface ExportOptions {
  /** Scores older than this many days are neither shown nor filtered on (FLYWHEEL_SCORE_RETENTION_DAYS). */
  retentionDays: number;
  /** The reference time for the retention window; defaults to now. */
  now?: Date;
}

export interface ListPageResult {
  rows: ExportRow[];
  /** Rows matching the filters across all pages (the cursor is ignored). */
  total: number;
  /** Pass back as `cursor` for the next page; null exactly when no rows remain. */
  nextCursor: string | null;
}

export const SKIP_REASONS = [
  "not_a_generation",
  "no_messages",
  "no_assistant_output",
  "invalid_tool_call",
  "invalid_message",
  "invalid_tools",
  // Fine-tuning options (docs/export.md "Fine-tuning options").
  "no_session",
  "duplicate",
  "too_long",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** The figures of one export page: the jsonl/openai trailer, the CSV response headers. */
export interface ExportSummary {
  total: number;
  exported: number;
  skipped: number;
  skip_reasons: Partial<Record<SkipReason, number>>;
  next_cursor: string | null;
  /** openai: the tokens of the examples written (finetune/count-tokens.ts). */
  tokens?: number;
  /** redact=true: the replacements made, by kind. */
  redactions?: Partial<Record<RedactionKind, number>>;
}
