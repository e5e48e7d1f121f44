// The shapes the dashboard receives from its own API routes. Rows are the jsonl rows of
// the export (lightweight: docs/export.md), so the table shows exactly what an export of the same filters contains.
import type { ExportRow } from "@/lib/core/export/types";

export type { ScoreDetail, SpanDetail, TraceDetail } from "@/lib/core/traces/types";

/** A lightweight export row: everything but input, output, tool_calls and tools. */
export type TraceRow = Omit<ExportRow, "input" | "output" | "tool_calls" | "tools">;

/** GET /api/traces */
export interface TracesPage {
  rows: TraceRow[];
  /** Rows matching the filters across all pages. */
  total: number;
  next_cursor: string | null;
}
