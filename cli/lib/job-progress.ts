// How a bulk export job's progress reads on stderr: a bar redrawn in place on a terminal, a plain line
// every few seconds (and on every change of state) otherwise, so CI logs stay short and readable.
import type { ExportJob } from "../../lib/core/export-jobs/contract";

export const formatInt = (n: number) => n.toLocaleString("en-US");

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

/** Share of the matching rows read so far, 0–1, or undefined while the total is not known. */
export function jobFraction(job: ExportJob): number | undefined {
  if (job.status === "succeeded") return 1;
  if (job.total === null) return undefined;
  if (job.total === 0) return job.status === "running" ? 0 : 1;
  return Math.min(1, job.rows_read / job.total);
}

/** `running: 12,345 of 50,000 rows read (24%), 3.1 MB written` */
export function progressText(job: ExportJob): string {
  if (job.status === "queued") return `queued (waiting for a worker)`;
  const of = job.total === null ? "" : ` of ${formatInt(job.total)}`;
  const pct = jobFraction(job);
  const share = pct === undefined ? "" : ` (${Math.floor(pct * 100)}%)`;
  return `${job.status}: ${formatInt(job.rows_read)}${of} rows read${share}, ${formatBytes(job.bytes)} written`;
}

export function progressBar(job: ExportJob, width = 30): string {
  const pct = jobFraction(job) ?? 0;
  const filled = Math.round(pct * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${progressText(job)}`;
}

export class ProgressReporter {
  private lastLine = 0;
  private lastStatus: string | undefined;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly tty = Boolean(out.isTTY),
    private readonly everyMs = 5_000,
  ) {}

  update(job: ExportJob): void {
    if (this.tty) {
      // Redraw the one line in place: carriage return, clear the line, the bar.
      this.out.write(`\r\x1b[2K${progressBar(job)}`);
      this.drawn = true;
      return;
    }
    const now = Date.now();
    if (job.status !== this.lastStatus || now - this.lastLine >= this.everyMs) {
      this.out.write(`Export job ${job.id} ${progressText(job)}\n`);
      this.lastLine = now;
      this.lastStatus = job.status;
    }
  }

  /** Ends the bar's line, so what follows starts on a fresh one. */
  finish(): void {
    if (this.drawn) this.out.write("\n");
    this.drawn = false;
  }
}
