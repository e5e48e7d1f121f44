// A bulk export job at a glance, shared by the Export dialog and the Exports page: its status, a
// progress bar while it runs (rows read of the matching total), and its files as download links.
import { Chip, type ChipTone } from "@/components/ui/chip";
import { formatBytes, formatInt } from "@/components/traces/format";
import type { ExportJob, JobStatus } from "@/lib/core/export-jobs/contract";
import { jobFileUrl } from "@/lib/client/export-jobs";

const STATUS_TONE: Record<JobStatus, ChipTone> = {
  queued: "slate",
  running: "indigo",
  succeeded: "green",
  failed: "red",
  cancelled: "amber",
};

export function JobStatusChip({ job }: { job: ExportJob }) {
  return (
    <Chip tone={STATUS_TONE[job.status]} data-testid="job-status">
      {job.status}
    </Chip>
  );
}

/** Share of the matching rows read, 0–1; undefined while the total is not known yet. */
export function jobFraction(job: ExportJob): number | undefined {
  if (job.status === "succeeded") return 1;
  if (job.total === null) return undefined;
  return job.total === 0 ? 0 : Math.min(1, job.rows_read / job.total);
}

export function JobProgressBar({ job }: { job: ExportJob }) {
  const f = jobFraction(job);
  const pct = f === undefined ? undefined : Math.floor(f * 100);
  return (
    <div className="flex min-w-40 flex-col gap-1" data-testid="job-progress">
      <div
        role="progressbar"
        aria-label="Export progress"
        aria-valuemin={0}
        aria-valuemax={job.total ?? undefined}
        aria-valuenow={job.rows_read}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={f === undefined ? "h-full w-1/3 animate-pulse rounded-full bg-indigo-300" : "h-full rounded-full bg-indigo-500 transition-[width]"}
          style={f === undefined ? undefined : { width: `${pct}%` }}
        />
      </div>
      <span className="text-xs text-slate-600 tabular-nums" data-testid="job-progress-text">
        {job.status === "queued"
          ? "Waiting for a worker…"
          : `${formatInt(job.rows_read)}${job.total === null ? "" : ` of ${formatInt(job.total)}`} rows read${pct === undefined ? "" : ` (${pct}%)`}`}
      </span>
    </div>
  );
}

export function JobFileLinks({ appId, job }: { appId: string; job: ExportJob }) {
  if (job.files_deleted_at) return <span className="text-xs text-slate-500" data-testid="job-files-deleted">files deleted</span>;
  if (job.status !== "succeeded" || job.files.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="flex flex-col gap-0.5" data-testid="job-files">
      {job.files.map((f) => (
        <li key={f.name}>
          <a className="text-indigo-700 underline hover:text-indigo-900" href={jobFileUrl(appId, job.id, f.name)} download={f.name} data-testid="job-file-link">
            {f.name}
          </a>{" "}
          <span className="text-xs text-slate-500 tabular-nums">
            {formatInt(f.rows)} rows · {formatBytes(f.bytes)}
          </span>
        </li>
      ))}
    </ul>
  );
}
