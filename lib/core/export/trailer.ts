// The last line of a jsonl/openai export. A complete page ends with its figures; a page that failed
// midway ends with an `error` line instead, so a client can always tell a broken export from a
// complete one (a body whose last line is not `_export_meta` was cut off in transit).
import type { ExportSummary } from "./types";

export function trailerLine(summary: ExportSummary): string {
  return JSON.stringify({ _export_meta: summary }) + "\n";
}

/**
 * The failure line: `error` says what happened; `exported`/`skipped` count what was written above it,
 * and `next_cursor` resumes right after the last row written (null when nothing can be resumed
 * from it, i.e. the failure came before any row). `total` is null when it was not known.
 */
export function errorTrailerLine(
  error: string,
  figures: Omit<ExportSummary, "total" | "next_cursor"> & { total: number | null; next_cursor: string | null },
): string {
  return JSON.stringify({ _export_meta: { error, ...figures } }) + "\n";
}
