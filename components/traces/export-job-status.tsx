// What the Export dialog shows once "All N matching rows" has started a bulk export job: its status
// and progress (polled while it runs), the file download(s) when done, and the way to the Exports page.
import Link from "next/link";
import { Notice } from "@/components/ui/feedback";
import { JobFileLinks, JobProgressBar, JobStatusChip } from "@/components/exports/job-progress";
import type { ExportJob } from "@/lib/core/export-jobs/contract";
import { formatBytes, formatInt } from "./format";

export const exportsPageUrl = (appId: string, jobId?: string) =>
  `/exports?appId=${encodeURIComponent(appId)}${jobId ? `&job=${encodeURIComponent(jobId)}` : ""}`;

export function ExportJobStatus({ appId, job }: { appId: string; job: ExportJob }) {
  const tone = job.status === "succeeded" ? "success" : job.status === "failed" ? "error" : job.status === "cancelled" ? "warning" : "info";
  const title =
    job.status === "succeeded"
      ? `Export ready: ${formatInt(job.exported)} rows, ${formatBytes(job.bytes)}`
      : job.status === "failed"
        ? "Export failed"
        : job.status === "cancelled"
          ? "Export cancelled"
          : "Exporting all matching rows…";
  return (
    <Notice tone={tone} title={title} data-testid="export-job">
      <div className="flex flex-col gap-2">
        <div className="flex items-center gap-2 text-xs">
          <JobStatusChip job={job} />
          <span className="text-slate-600">
            Job <code>{job.id}</code>
            {job.status === "queued" || job.status === "running" ? " keeps running if you close this dialog." : null}
          </span>
        </div>
        {job.status === "queued" || job.status === "running" ? <JobProgressBar job={job} /> : null}
        {job.status === "succeeded" ? <JobFileLinks appId={appId} job={job} /> : null}
        {job.skipped ? (
          <p className="text-xs">
            {formatInt(job.skipped)} skipped:{" "}
            {Object.entries(job.skip_reasons)
              .map(([r, n]) => `${r.replace(/_/g, " ")} ${formatInt(n)}`)
              .join(", ")}
          </p>
        ) : null}
        {job.error ? <p data-testid="export-job-error">{job.error.detail}</p> : null}
        <Link className="text-sm text-indigo-700 underline" href={exportsPageUrl(appId, job.id)} data-testid="exports-page-link">
          Open the Exports page
        </Link>
      </div>
    </Notice>
  );
}
