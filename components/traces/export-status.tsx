// What the Export dialog says while downloading, after a download, and when it failed.
import { Notice, Spinner } from "@/components/ui/feedback";
import { ApiError, describeError } from "@/lib/client/api-error";
import type { ExportProgress } from "@/lib/client/export-download";
import type { ExportMeta } from "@/lib/core/export/trailer";
import { formatBytes, formatInt } from "./format";

export function exportErrorMessage(err: unknown): { title: string; detail?: string } {
  if (err instanceof ApiError && err.status === 429) {
    const minutes = Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60));
    // The server's detail counts seconds; the title already says it in minutes.
    return {
      title: `Export quota used up — try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}`,
      detail: err.detail.replace(/\s*Try again in \d+ seconds\.?$/, ""),
    };
  }
  if (err instanceof ApiError) return { title: `Export failed (${err.status})`, detail: describeError(err) };
  return { title: "Export failed", detail: describeError(err) };
}

export function ExportProgressLine({ progress }: { progress: ExportProgress }) {
  return (
    <div role="status" data-testid="export-progress" className="flex items-center gap-2 rounded-lg border border-indigo-200 bg-indigo-50 px-3 py-2.5 text-sm text-indigo-900">
      <Spinner className="text-indigo-500" label="Downloading" />
      Receiving… <span className="tabular-nums">{formatBytes(progress.bytes)}</span> ·{" "}
      <span className="tabular-nums">{formatInt(progress.rows)}</span> rows
    </div>
  );
}

/** What the figures count: rows, or (unit=trace|session) one example per trace or session. */
function nounOf(unit: string | undefined): string {
  return unit === "trace" || unit === "session" ? `${unit} examples` : "rows";
}

export function ExportResultNotice({ filename, meta, unit }: { filename: string; meta: ExportMeta; unit?: string }) {
  const reasons = Object.entries(meta.skip_reasons ?? {});
  const remaining = typeof meta.total === "number" ? meta.total - (meta.exported ?? 0) - (meta.skipped ?? 0) : undefined;
  return (
    <Notice tone="success" title={`Saved ${filename}`} data-testid="export-result">
      <p data-testid="export-figures">
        {formatInt(meta.exported)} {nounOf(unit)} exported
        {typeof meta.total === "number" ? ` of ${formatInt(meta.total)} matching` : ""}
        {meta.skipped ? `, ${formatInt(meta.skipped)} skipped` : ""}.
      </p>
      {typeof meta.tokens === "number" ? (
        <p className="mt-1 text-xs" data-testid="export-tokens">
          {formatInt(meta.tokens)} tokens in the examples written (o200k_base, as OpenAI counts fine-tuning examples).
        </p>
      ) : null}
      {meta.redactions ? (
        <p className="mt-1 text-xs" data-testid="export-redactions">
          Redacted:{" "}
          {Object.entries(meta.redactions).length
            ? Object.entries(meta.redactions).map(([kind, n]) => `${formatInt(n)} ${kind}`).join(", ")
            : "nothing found"}
          .
        </p>
      ) : null}
      {reasons.length ? (
        <ul className="mt-1 list-disc pl-5 text-xs" data-testid="skip-reasons">
          {reasons.map(([r, n]) => (
            <li key={r}>
              {r.replace(/_/g, " ")}: {formatInt(n)}
            </li>
          ))}
        </ul>
      ) : null}
      {meta.next_cursor ? (
        <p className="mt-1 text-xs" data-testid="next-cursor-hint">
          {remaining !== undefined && remaining > 0 ? `${formatInt(remaining)} more matching rows are not in this file. ` : "More rows match. "}
          Raise the limit (up to 2,000), narrow the filters, or continue with the API/CLI from{" "}
          <code className="rounded bg-emerald-100 px-1 break-all" title={meta.next_cursor}>
            cursor={meta.next_cursor.length > 24 ? `${meta.next_cursor.slice(0, 24)}…` : meta.next_cursor}
          </code>
          .
        </p>
      ) : null}
    </Notice>
  );
}
