// `format=csv`: RFC 4180 through papaparse — a header row, then one row per span; CRLF line ends,
// cells quoted when they hold a comma, quote or line break (quotes doubled, line breaks kept).
// Nested values (input, output, tool_calls, metadata, scores, tags, tools) are one cell of JSON text, so a
// string input appears JSON-quoted and every nested cell parses back with JSON.parse.
//
// Formula injection: a text cell starting with =, +, -, @, tab or CR gets a leading ' (OWASP's
// advice), so a spreadsheet shows it instead of running it. Numbers are written as numbers and never
// prefixed, so a negative cost stays a number.
import Papa from "papaparse";
import type { ExportRow } from "./types";

export const CSV_COLUMNS = [
  "trace_id", "span_id", "span_name", "type", "model", "status", "latency_ms", "timestamp",
  "input", "output", "tool_calls", "metadata", "user_id", "tags", "input_tokens", "output_tokens", "cost", "scores",
  "tools",
] as const;
const HEAVY = new Set(["input", "output", "tool_calls", "tools"]);
const NESTED = new Set(["input", "output", "tool_calls", "metadata", "tags", "scores", "tools"]);

// papaparse's own `escapeFormulae: true` pattern is /^[=+\-@\t\r].*$/, which misses a formula
// followed by a line break ("." stops at "\n"); only the first character matters.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvColumns(lightweight: boolean): string[] {
  return CSV_COLUMNS.filter((c) => !(lightweight && HEAVY.has(c)));
}

function cell(column: string, value: unknown): unknown {
  if (value === null || value === undefined) return "";
  if (NESTED.has(column)) return JSON.stringify(value);
  return value;
}

const unparse = (fields: string[], data: unknown[][], header: boolean) =>
  Papa.unparse({ fields, data }, { header, newline: "\r\n", escapeFormulae: FORMULA_START });

/** The header line, CRLF-terminated. */
export function csvHeader(columns: string[]): string {
  // As a data row: papaparse ends a header-only result with a newline, but a data block without one.
  return unparse(columns, [columns], false) + "\r\n";
}

/** Rows as CSV lines, each CRLF-terminated ("" for none). */
export function csvRows(columns: string[], rows: ExportRow[]): string {
  if (rows.length === 0) return "";
  const data = rows.map((r) => columns.map((c) => cell(c, (r as unknown as Record<string, unknown>)[c])));
  return unparse(columns, data, false) + "\r\n";
}
