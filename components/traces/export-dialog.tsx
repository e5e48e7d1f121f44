"use client";
// The Export dialog: format, row limit, the active filters, the matching count, and a
// Download that fetches the export route with exactly the table's query string and saves a Blob.
// "All N matching rows" instead starts a bulk export job (SPEC §7) with exactly the table's filters
// and shows its progress, then its file(s), here and on the Exports page.
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/feedback";
import { cn } from "@/components/ui/cn";
import { DEFAULT_LIMIT, MAX_LIMIT } from "@/lib/core/filters";
import type { JobFormat } from "@/lib/core/export-jobs/contract";
import { isFinishedJob } from "@/lib/client/export-jobs";
import { useCreateExportJob, useExportJob } from "@/lib/client/use-export-jobs";
import { validateQuery, type TableFilters } from "@/lib/client/trace-url-state";
import { useExportDownload } from "@/lib/client/use-export-download";
import { ActiveFilterChips } from "./active-filter-chips";
import { ExportFineTuneOptions, hasOptionErrors } from "./export-finetune-options";
import { DEFAULT_CHOICES, jobBody, optionParams, type ExportChoices } from "./export-options";
import { EXPORT_FORMATS, JOB_ONLY_FORMATS } from "./export-formats";
import { ExportJobStatus } from "./export-job-status";
import { ExportProgressLine, ExportResultNotice, exportErrorMessage } from "./export-status";
import { formatInt } from "./format";

/** The row limit checked by THE filter schema, so the form and the server reject the same values. */
function limitError(text: string): string | undefined {
  const p = validateQuery(new URLSearchParams({ limit: text.trim() })).find((x) => x.name === "limit");
  return p ? `Row limit ${p.reason}` : undefined;
}

export function ExportDialog({
  open,
  onClose,
  appId,
  query,
  filters,
  total,
}: {
  open: boolean;
  onClose: () => void;
  appId: string;
  /** The table's query string (filters + appId): the export gets exactly this. */
  query: string;
  filters: TableFilters;
  /** Matching rows from the table's query; undefined while it is being counted. */
  total: number | undefined;
}) {
  const [format, setFormat] = useState<JobFormat>("jsonl");
  const [limitText, setLimitText] = useState(String(DEFAULT_LIMIT));
  const [choices, setChoices] = useState<ExportChoices>(DEFAULT_CHOICES);
  /** `page`: up to the row limit, downloaded now; `all`: every matching row, as a bulk export job. */
  const [scope, setScope] = useState<"page" | "all">("page");
  const [gzip, setGzip] = useState(false);
  const download = useExportDownload(appId, query);
  const createJob = useCreateExportJob(appId);
  const jobQuery = useExportJob(appId, createJob.data?.id);
  const job = jobQuery.data ?? createJob.data;
  const limitId = useId();
  const all = scope === "all";
  // The page route writes no parquet: the row-limit choice falls back to JSONL.
  const pageFormat = format === "parquet" ? "jsonl" : format;
  const error = all ? undefined : limitError(limitText);
  const limit = Number(limitText.trim());
  const job_ = all ? jobBody(filters, format, choices, gzip) : undefined;
  const jobRunning = Boolean(job && !isFinishedJob(job));
  const busy = download.isPending || createJob.isPending;

  const close = () => {
    download.cancel();
    download.reset();
    // A started job keeps running on the server; the Exports page follows it.
    createJob.reset();
    onClose();
  };
  const chooseScope = (next: "page" | "all") => {
    setScope(next);
    createJob.reset();
    download.reset();
    if (next === "page" && format === "parquet") setFormat("jsonl");
  };
  const failure = download.isError
    ? exportErrorMessage(download.error)
    : createJob.isError
      ? exportErrorMessage(createJob.error)
      : job_?.problems.length
        ? { title: "These options cannot start an export", detail: job_.problems.map((p) => `${p.name} ${p.reason}`).join("; ") }
        : undefined;
  // The outcome appears at the bottom of the dialog: bring it into view on small screens.
  const outcome = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (download.status !== "idle" || createJob.status !== "idle") outcome.current?.scrollIntoView({ block: "nearest" });
  }, [download.status, createJob.status]);

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Export traces"
      description="Download the spans that match the table's filters."
      data-testid="export-dialog"
      className="max-w-2xl"
      footer={
        <>
          <Button onClick={close}>{download.isPending ? "Cancel" : "Close"}</Button>
          {all ? (
            <Button
              variant="primary"
              disabled={hasOptionErrors(pageFormat, choices) || Boolean(job_?.problems.length) || busy || jobRunning}
              onClick={() => job_ && createJob.mutate(job_.body)}
              data-testid="export-start"
            >
              {createJob.isPending ? "Starting…" : jobRunning ? "Exporting…" : "Start export"}
            </Button>
          ) : (
            <Button
              variant="primary"
              disabled={Boolean(error) || hasOptionErrors(pageFormat, choices) || busy}
              onClick={() => download.mutate({ format: pageFormat, limit, options: optionParams(pageFormat, choices) })}
              data-testid="export-download"
            >
              {busy ? "Downloading…" : "Download"}
            </Button>
          )}
        </>
      }
    >
      <div className="flex flex-col gap-4">
        <fieldset>
          <legend className="mb-1.5 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Format</legend>
          <div className="grid gap-2 sm:grid-cols-3">
            {[...EXPORT_FORMATS, ...(all ? JOB_ONLY_FORMATS : [])].map((f) => (
              <label
                key={f.value}
                className={cn(
                  "flex cursor-pointer items-start gap-2.5 rounded-lg border px-3 py-2",
                  format === f.value ? "border-indigo-400 bg-indigo-50/60 ring-1 ring-indigo-400" : "border-slate-200 hover:bg-slate-50",
                )}
              >
                <input
                  type="radio"
                  name="export-format"
                  value={f.value}
                  checked={format === f.value}
                  onChange={() => setFormat(f.value)}
                  className="mt-1 accent-indigo-600"
                  aria-describedby={`${limitId}-${f.value}`}
                />
                <span>
                  <span className="block text-sm font-medium">{f.label}</span>
                  <span id={`${limitId}-${f.value}`} className="block text-xs text-slate-500">
                    {f.description}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="flex flex-wrap items-start gap-x-6 gap-y-2" role="radiogroup" aria-label="Rows to export">
          <label className="flex items-center gap-2 pt-6 text-sm">
            <input type="radio" name="export-scope" className="accent-indigo-600" checked={!all} onChange={() => chooseScope("page")} data-testid="export-scope-page" />
            Newest rows, up to
          </label>
          <Field label="Row limit" htmlFor={limitId} error={error} hint={`1–${formatInt(MAX_LIMIT)} rows per file`} className="w-52">
            <Input
              id={limitId}
              inputMode="numeric"
              value={limitText}
              invalid={Boolean(error)}
              disabled={all}
              onChange={(e) => setLimitText(e.target.value)}
              data-testid="export-limit"
            />
          </Field>
          <label className="flex items-center gap-2 pt-6 text-sm font-medium" title="A background export job: any number of rows, Parquet too, progress here and on the Exports page">
            <input type="radio" name="export-scope" className="accent-indigo-600" checked={all} onChange={() => chooseScope("all")} data-testid="export-scope-all" />
            {total === undefined ? "All matching rows" : `All ${formatInt(total)} matching rows`}
          </label>
          <p className="flex-1 pt-6 text-sm text-slate-700" data-testid="export-count">
            {total === undefined ? (
              "Counting matching rows…"
            ) : (
              <>
                <span className="font-semibold tabular-nums" data-testid="export-total">
                  {formatInt(total)}
                </span>{" "}
                matching rows
                {all
                  ? " — all of them, exported by a background job on the server."
                  : !error && total > limit
                    ? ` — the file will hold the newest ${formatInt(limit)}.`
                    : total > 0
                      ? " — all of them fit in one file."
                      : "."}
              </>
            )}
          </p>
        </div>

        <ExportFineTuneOptions format={pageFormat} choices={choices} onChange={setChoices} />
        {all && format !== "parquet" ? (
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" className="accent-indigo-600" checked={gzip} onChange={(e) => setGzip(e.target.checked)} data-testid="export-gzip" />
            Compress the file(s) with gzip
          </label>
        ) : null}

        <div className="flex flex-col gap-1.5">
          <span className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">Filters</span>
          <ActiveFilterChips filters={filters} />
        </div>

        <div ref={outcome} className="flex flex-col gap-2 empty:hidden">
          {download.isPending ? <ExportProgressLine progress={download.progress} /> : null}
          {all && job ? <ExportJobStatus appId={appId} job={job} /> : null}
          {download.isSuccess ? <ExportResultNotice filename={download.data.filename} meta={download.data.meta} unit={download.data.unit} /> : null}
          {failure ? (
            <Notice tone="error" title={failure.title} data-testid="export-error">
              {failure.detail}
            </Notice>
          ) : null}
        </div>
      </div>
    </Dialog>
  );
}
