// The Export dialog's download: fetch the export route with exactly the table's query string, read the
// body stream while reporting progress, check the trailer (jsonl/openai) and hand back a Blob.
// Nothing is saved unless the whole export arrived: a trailer with `error`, or none at all, is a failure.
import { concatBytes } from "@/lib/core/bytes";
import { lastLine, metaFromHeaders, parseTrailer, type ExportMeta } from "@/lib/core/export/trailer";
import { exportFilename } from "@/lib/core/export/filename";
import { toSearchParams, type FilterInput, type Format } from "@/lib/core/filters";
import { apiErrorFrom } from "./api-error";

export interface ExportProgress {
  bytes: number;
  rows: number;
}

export interface ExportResult {
  blob: Blob;
  filename: string;
  meta: ExportMeta;
}

/** The export was cut off or the server reported an error inside the stream. */
export class ExportStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportStreamError";
  }
}

/** The export route's URL: the table's query string, then the format, limit and export options. */
export function exportUrl(query: string, format: Format, limit: number, options: Partial<FilterInput> = {}): string {
  const params = new URLSearchParams(query);
  params.set("format", format);
  params.set("limit", String(limit));
  for (const [key, value] of toSearchParams(options)) params.set(key, value);
  return `/v1/traces/export?${params.toString()}`;
}

const NEWLINE = 10;

/**
 * Checks the last line of a jsonl/openai body: the `_export_meta` trailer, without `error`.
 * Returns its figures and where it starts (everything before is the rows), or throws ExportStreamError.
 */
export function readTrailer(bytes: Uint8Array): { meta: ExportMeta; start: number } {
  const { start, end } = lastLine(bytes);
  const line = new TextDecoder().decode(bytes.subarray(start, end));
  const meta = parseTrailer(line);
  // A failure can also arrive as a bare {"error": …} line.
  const error = meta ? meta.error : bareError(line);
  if (!meta && error === undefined) {
    throw new ExportStreamError("The export stream ended without its closing summary line, so it was cut off. No file was saved; try again.");
  }
  if (error !== undefined && error !== null) {
    const text = typeof error === "string" ? error : ((error as { detail?: string; message?: string }).detail ?? (error as { message?: string }).message ?? JSON.stringify(error));
    throw new ExportStreamError(`The server stopped the export with an error: ${text}. No file was saved.`);
  }
  return { meta: meta!, start };
}

/** The `error` of a `{"error": …}` line, or undefined. */
function bareError(line: string): unknown {
  try {
    return (JSON.parse(line) as { error?: unknown } | null)?.error;
  } catch {
    return undefined;
  }
}

export async function downloadExport(opts: {
  appId: string;
  query: string;
  format: Format;
  limit: number;
  /** Export options (fine-tuning, redact), as query parameters. */
  options?: Partial<FilterInput>;
  signal?: AbortSignal;
  onProgress?: (p: ExportProgress) => void;
}): Promise<ExportResult> {
  const res = await fetch(exportUrl(opts.query, opts.format, opts.limit, opts.options), { credentials: "same-origin", signal: opts.signal });
  if (!res.ok) throw await apiErrorFrom(res);
  if (!res.body) throw new ExportStreamError("The server sent no export body.");

  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let lines = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.length;
      for (const b of value) if (b === NEWLINE) lines++;
      // CSV: the header line is not a row. jsonl/openai: the trailer is counted until it is recognised.
      opts.onProgress?.({ bytes, rows: opts.format === "csv" ? Math.max(0, lines - 1) : lines });
    }
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new ExportStreamError(`The connection broke after ${bytes} bytes, so the export is incomplete. No file was saved.`);
  } finally {
    reader.releaseLock();
  }

  const all = concatBytes(chunks, bytes);
  const filename = exportFilename(opts.appId, opts.format);
  if (opts.format === "csv") {
    return { blob: new Blob([all], { type: "text/csv" }), filename, meta: metaFromHeaders(res.headers) };
  }
  // The trailer is stripped, so an OpenAI file can be uploaded for fine-tuning as it is.
  const { meta, start } = readTrailer(all);
  return { blob: new Blob([all.subarray(0, start)], { type: "application/x-ndjson" }), filename, meta };
}

/** Saves a Blob through a temporary <a download>. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
