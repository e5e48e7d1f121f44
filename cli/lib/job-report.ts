// A bulk export job in words: the summary after a download (stderr), `flywheel export status` and the
// table of `flywheel export list` (stdout: what the user asked to see).
import type { ExportJob } from "../../lib/core/export-jobs/contract";
import { describeRedactions } from "./export-report";
import { formatBytes, formatInt, progressText } from "./job-progress";

function skipped(job: ExportJob): string | undefined {
  if (!job.skipped) return undefined;
  const reasons = Object.entries(job.skip_reasons).map(([r, n]) => `${r} ${formatInt(n)}`).join(", ");
  return `Skipped ${formatInt(job.skipped)} row${job.skipped === 1 ? "" : "s"}${reasons ? `: ${reasons}` : ""}.`;
}

/** The lines printed (on stderr) once a job's files have arrived. */
export function downloadSummary(job: ExportJob, where: string): string[] {
  const total = job.total === null ? "" : ` of ${formatInt(job.total)} matching`;
  const lines = [`Exported ${formatInt(job.exported)}${total} rows to ${where} (export job ${job.id}, ${formatBytes(job.bytes)}).`];
  if (typeof job.tokens === "number") lines.push(`Tokens in the examples written: ${formatInt(job.tokens)} (o200k_base, as OpenAI counts fine-tuning examples).`);
  if (job.redactions) lines.push(`Redacted: ${describeRedactions(job.redactions)}.`);
  const s = skipped(job);
  if (s) lines.push(s);
  return lines;
}

/** `flywheel export status ID`: the job, one fact a line. */
export function statusLines(job: ExportJob): string[] {
  const lines = [
    `Job:       ${job.id} (app ${job.app_id})`,
    `Status:    ${job.status}`,
    `Format:    ${job.format}`,
    `Created:   ${job.created_at}`,
  ];
  if (job.started_at) lines.push(`Started:   ${job.started_at}`);
  if (job.finished_at) lines.push(`Finished:  ${job.finished_at}`);
  if (job.status === "queued" || job.status === "running") lines.push(`Progress:  ${progressText(job)}`);
  lines.push(`Rows:      ${formatInt(job.exported)} exported${job.total === null ? "" : ` of ${formatInt(job.total)} matching`}, ${formatInt(job.rows_read)} read`);
  const s = skipped(job);
  if (s) lines.push(`           ${s}`);
  lines.push(`Size:      ${formatBytes(job.bytes)}`);
  for (const f of job.files) lines.push(`File:      ${f.name}  ${formatInt(f.rows)} rows  ${formatBytes(f.bytes)}  sha256 ${f.sha256}`);
  if (job.error) lines.push(`Error:     ${job.error.code}: ${job.error.detail}`);
  return lines;
}

/** `flywheel export list`: a fixed-width table, newest first as the server lists them. */
export function jobTable(jobs: ExportJob[]): string[] {
  const header = ["ID", "STATUS", "FORMAT", "CREATED", "ROWS", "SIZE", "FILES"];
  const rows = jobs.map((j) => [
    j.id,
    j.status === "running" && j.total ? `running ${Math.floor((100 * j.rows_read) / j.total)}%` : j.status,
    j.format,
    j.created_at.replace(/\.\d+Z$/, "Z"),
    j.total === null ? formatInt(j.exported) : `${formatInt(j.exported)}/${formatInt(j.total)}`,
    formatBytes(j.bytes),
    j.files.map((f) => f.name).join(",") || "-",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  "));
}
