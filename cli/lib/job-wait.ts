// Waiting for a bulk export job: poll GET /v1/exports/{id} until it finishes, showing progress on
// stderr. Ctrl-C stops the waiting, never the job: it keeps running on the server, and the message
// says how to follow, download or cancel it.
import { setTimeout as sleep } from "node:timers/promises";
import { FINISHED_STATUSES, type ExportJob } from "../../lib/core/export-jobs/contract";
import { CliError, EXIT } from "./cli-error";
import type { JobsApi } from "./jobs-api";
import { ProgressReporter } from "./job-progress";
import { info, shellQuote } from "./output";

const POLL_MS = 1_000;
/** Consecutive failed polls (network, 5xx) tolerated before giving up; the job is unaffected. */
const MAX_POLL_FAILURES = 5;

export const isFinished = (job: ExportJob) => (FINISHED_STATUSES as readonly string[]).includes(job.status);

/** `cleanup` runs on Ctrl-C before the exit: the -o temp files opened before the job was created go. */
export async function waitForJob(api: JobsApi, first: ExportJob, hints: JobHints, cleanup: () => void = () => {}): Promise<ExportJob> {
  const progress = new ProgressReporter();
  const onSigint = () => {
    cleanup();
    progress.finish();
    info(`\nStopped waiting; export job ${first.id} keeps running on the server.`);
    info(`  Follow it:   ${hints.command("status", first.id)}`);
    info(`  Download it: ${hints.command("download", first.id)} -o <file>`);
    info(`  Cancel it:   ${hints.command("cancel", first.id)}`);
    process.exit(130);
  };
  // First in line, so the -o temp file's own handler (output-target.ts) does not exit before we speak;
  // that handler never runs, hence `cleanup`.
  process.prependListener("SIGINT", onSigint);
  let job = first;
  let failures = 0;
  try {
    progress.update(job);
    while (!isFinished(job)) {
      await sleep(POLL_MS);
      try {
        job = await api.get(job.id);
        failures = 0;
      } catch (err) {
        if (!(err instanceof CliError) || err.exitCode !== EXIT.unavailable || ++failures >= MAX_POLL_FAILURES) {
          progress.finish();
          if (err instanceof CliError) throw new CliError(err.exitCode, `${err.message} (export job ${job.id} may still be running: ${hints.command("status", job.id)})`);
          throw err;
        }
        continue;
      }
      progress.update(job);
    }
  } finally {
    progress.finish();
    process.off("SIGINT", onSigint);
  }
  return job;
}

/** Follow-up commands that repeat the connection flags the user gave (never the key itself). */
export interface JobHints {
  command(verb: "status" | "download" | "cancel", id: string): string;
}

export function jobHints(flags: { app?: string; baseUrl?: string; apiKey?: string }): JobHints {
  const extra: string[] = [];
  if (flags.baseUrl !== undefined) extra.push("--base-url", shellQuote(flags.baseUrl));
  if (flags.app !== undefined) extra.push("--app", shellQuote(flags.app));
  if (flags.apiKey !== undefined) extra.push("--api-key", "<key>");
  return { command: (verb, id) => ["flywheel", "export", verb, id, ...extra].join(" ") };
}

/** A finished job that has nothing to download: exit 3 (failed) or 4 (cancelled). */
export function unsuccessfulJob(job: ExportJob): CliError | undefined {
  if (job.status === "failed") {
    const why = job.error ? `${job.error.code}: ${job.error.detail}` : "no reason given";
    return new CliError(EXIT.jobFailed, `Export job ${job.id} failed (${why}); no file was kept`);
  }
  if (job.status === "cancelled") return new CliError(EXIT.jobCancelled, `Export job ${job.id} was cancelled; there is nothing to download`);
  return undefined;
}
