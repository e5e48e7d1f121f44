"use client";
// The Exports page: the app's bulk export jobs, newest first, with a live progress bar while one runs,
// rows, size, per-file downloads and cancel. The app and the highlighted job (`job=`, from the Export
// dialog's link) live in the URL; the jobs only in the query cache, polled while any is unfinished.
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { Button } from "@/components/ui/button";
import { EmptyState, Notice, Spinner } from "@/components/ui/feedback";
import { AppPicker, type AppOption } from "@/components/apps/app-picker";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import { formatBytes, formatFullTime, formatInt, formatTime } from "@/components/traces/format";
import type { ExportJob } from "@/lib/core/export-jobs/contract";
import { describeError } from "@/lib/client/api-error";
import { isFinishedJob } from "@/lib/client/export-jobs";
import { useDeleteExportJob, useExportJobs } from "@/lib/client/use-export-jobs";
import { JobFileLinks, JobProgressBar, JobStatusChip } from "./job-progress";

export function ExportsView({ appId, apps }: { appId: string; apps: AppOption[] }) {
  const router = useRouter();
  const highlighted = useSearchParams().get("job") ?? undefined;
  const jobs = useExportJobs(appId);
  const remove = useDeleteExportJob(appId);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">Exports</h1>
        <AppPicker apps={apps} appId={appId} onSwitch={(id) => router.push(`/exports?appId=${encodeURIComponent(id)}`)} />
        <p className="ml-auto text-xs text-slate-500">
          Start one from <Link className="text-indigo-700 underline" href={`/traces?appId=${encodeURIComponent(appId)}`}>Traces</Link> → Export → “All matching rows”,
          or <code>flywheel export traces --all</code>.
        </p>
      </div>

      {remove.isError ? (
        <Notice tone="error" title="Could not cancel the export" data-testid="exports-error">
          {describeError(remove.error)}
        </Notice>
      ) : null}

      {jobs.isPending ? (
        <EmptyState icon={<Spinner className="size-6" />} title="Loading exports…" />
      ) : jobs.isError ? (
        <Notice tone="error" title="Could not load the exports" data-testid="exports-error">
          {describeError(jobs.error)}
        </Notice>
      ) : jobs.data.length === 0 ? (
        <EmptyState title="No exports yet">A bulk export writes every matching row to files, in the background; they appear here.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <Table data-testid="exports-table">
            <THead>
              <Tr>
                <Th>Created</Th>
                <Th>Status</Th>
                <Th>Format</Th>
                <Th>Progress</Th>
                <Th className="text-right">Rows</Th>
                <Th className="text-right">Size</Th>
                <Th>Files</Th>
                <Th />
              </Tr>
            </THead>
            <TBody>
              {jobs.data.map((job) => (
                <JobRow
                  key={job.id}
                  appId={appId}
                  job={job}
                  highlighted={job.id === highlighted}
                  deleting={remove.isPending && remove.variables === job.id}
                  onDelete={() => remove.mutate(job.id)}
                />
              ))}
            </TBody>
          </Table>
        </div>
      )}
    </div>
  );
}

function JobRow({ appId, job, highlighted, deleting, onDelete }: { appId: string; job: ExportJob; highlighted: boolean; deleting: boolean; onDelete: () => void }) {
  const finished = isFinishedJob(job);
  return (
    <Tr data-testid="export-job-row" data-job-id={job.id} className={cn(highlighted && "bg-indigo-50/60")}>
      <Td className="whitespace-nowrap" title={formatFullTime(job.created_at)}>
        {formatTime(job.created_at)}
      </Td>
      <Td>
        <JobStatusChip job={job} />
        {job.error ? (
          <p className="mt-1 max-w-xs text-xs text-red-700" data-testid="job-error">
            {job.error.detail}
          </p>
        ) : null}
      </Td>
      <Td>
        {job.format}
        {job.params.compression === "gzip" ? " (gzip)" : ""}
      </Td>
      <Td>{finished ? <span className="text-xs text-slate-500">{job.finished_at ? `finished ${formatTime(job.finished_at)}` : "—"}</span> : <JobProgressBar job={job} />}</Td>
      <Td className="text-right tabular-nums" data-testid="job-rows">
        {formatInt(job.exported)}
        {job.total === null ? "" : <span className="text-slate-500"> / {formatInt(job.total)}</span>}
        {job.skipped ? <span className="block text-xs text-slate-500">{formatInt(job.skipped)} skipped</span> : null}
      </Td>
      <Td className="text-right whitespace-nowrap tabular-nums">{formatBytes(job.bytes)}</Td>
      <Td>
        <JobFileLinks appId={appId} job={job} />
      </Td>
      <Td className="text-right">
        {!finished ? (
          <Button size="sm" onClick={onDelete} disabled={deleting} data-testid="job-cancel">
            {deleting ? "Cancelling…" : "Cancel"}
          </Button>
        ) : job.status === "succeeded" && job.files.length && !job.files_deleted_at ? (
          <Button size="sm" variant="ghost" onClick={onDelete} disabled={deleting} data-testid="job-delete-files">
            {deleting ? "Deleting…" : "Delete files"}
          </Button>
        ) : null}
      </Td>
    </Tr>
  );
}
