// The figures of an export page, written and read. jsonl and openai end with one `_export_meta` line:
// a complete page with its figures, a page that failed midway with an `error` line instead, so a client
// can always tell a broken export from a complete one (a body whose last line is not `_export_meta` was
// cut off in transit). csv carries the same figures in response headers. The dashboard's download and
// the CLI read them with the same functions below.
import { z } from "zod";
import type { ExportSummary } from "./types";

/**
 * The page's figures in the trailer's order: SPEC's five, then `tokens` (openai) and `redactions`
 * (redact=true) when the page has them.
 */
export function summaryOf<T extends number | null>(
  total: T,
  t: { exported: number; skipped: number; skip_reasons: ExportSummary["skip_reasons"]; tokens?: number; redactions?: ExportSummary["redactions"] },
  next_cursor: string | null,
): Omit<ExportSummary, "total"> & { total: T } {
  const out: Omit<ExportSummary, "total"> & { total: T } = { total, exported: t.exported, skipped: t.skipped, skip_reasons: t.skip_reasons, next_cursor };
  if (t.tokens !== undefined) out.tokens = t.tokens;
  if (t.redactions !== undefined) out.redactions = t.redactions;
  return out;
}

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

/** The figures as a client reads them; each may be missing (a failure line may not know the total). */
export const exportMetaSchema = z.object({
  total: z.number().nullable().optional(),
  exported: z.number().nullable().optional(),
  skipped: z.number().nullable().optional(),
  skip_reasons: z.record(z.string(), z.number()).nullable().optional(),
  next_cursor: z.string().nullable().optional(),
  tokens: z.number().nullable().optional(),
  redactions: z.record(z.string(), z.number()).nullable().optional(),
  error: z.unknown().optional(),
});

export type ExportMeta = z.infer<typeof exportMetaSchema>;

/** Where a body's last non-empty line starts and ends, ignoring the line breaks after it. */
export function lastLine(bytes: Uint8Array): { start: number; end: number } {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  let start = end;
  while (start > 0 && bytes[start - 1] !== 0x0a) start--;
  return { start, end };
}

/** The `_export_meta` object of a trailer line, or undefined when the line is not a trailer. */
export function parseTrailer(line: string): ExportMeta | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== "_export_meta") return undefined;
  const r = exportMetaSchema.safeParse((value as { _export_meta: unknown })._export_meta);
  return r.success ? r.data : undefined;
}

/** A csv export's figures, from its response headers; a missing or non-numeric one is left out. */
export function metaFromHeaders(headers: { get(name: string): string | null }): ExportMeta {
  const num = (name: string) => {
    const v = headers.get(name);
    return v !== null && /^\d+$/.test(v.trim()) ? Number(v) : undefined;
  };
  const cursor = headers.get("x-export-next-cursor");
  const redactions = redactionsHeader(headers.get("x-export-redactions"));
  return {
    ...(redactions ? { redactions } : {}),
    total: num("x-export-total"),
    exported: num("x-export-exported"),
    skipped: num("x-export-skipped"),
    skip_reasons: {},
    next_cursor: cursor && cursor !== "null" ? cursor : null,
  };
}

/** X-Export-Redactions (csv with redact=true): the JSON object of counts by kind, or undefined. */
function redactionsHeader(text: string | null): Record<string, number> | undefined {
  if (!text) return undefined;
  try {
    const r = z.record(z.string(), z.number()).safeParse(JSON.parse(text));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
