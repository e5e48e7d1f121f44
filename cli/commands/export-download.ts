// `flywheel export download ID [--file NAME] [-o …]`: a job's file(s), streamed to stdout or -o, with
// the same rules as `export traces --all`. A job still running is waited for (progress on stderr).
import { Command } from "commander";
import { MANIFEST_NAME, type ExportJob } from "../../lib/core/export-jobs/contract";
import { usageError } from "../lib/cli-error";
import { downloadFiles, openTargets, planDownload } from "../lib/job-download";
import { downloadSummary } from "../lib/job-report";
import { jobHints, unsuccessfulJob, waitForJob } from "../lib/job-wait";
import { JobsApi, parseJobId } from "../lib/jobs-api";
import { info } from "../lib/output";
import { connectionFrom, withConnectionOptions, type ConnectionFlags } from "./connection-options";

type DownloadFlags = ConnectionFlags & { file?: string; output?: string };

export function exportDownloadCommand(): Command {
  return withConnectionOptions(
    new Command("download")
      .description("download a bulk export job's file(s); waits while the job is still running")
      .argument("<id>", "the job id")
      .option("--file <name>", `one of the job's files (e.g. validation.jsonl), or ${MANIFEST_NAME}`)
      .option("-o, --output <path>", "a file (one file), or a directory (several files, or an existing directory); asks before overwriting"),
  )
    .addHelpText("after", "\nWithout -o, a job with one file goes to stdout; a job with several needs -o DIR or --file NAME.\n")
    .action((id: string, flags: DownloadFlags) => exportDownload(id, flags));
}

async function exportDownload(idText: string, flags: DownloadFlags): Promise<void> {
  const id = parseJobId(idText);
  const api = new JobsApi(connectionFrom(flags));
  let job = await api.get(id);
  const bad = unsuccessfulJob(job);
  if (bad) throw bad;
  // Which names exist is known once the job has run: a finished job's are checked before waiting for nothing.
  if (job.status === "succeeded") checkFileName(job, flags.file);
  if (job.status !== "succeeded") {
    info(`Export job ${id} is ${job.status}; waiting for it to finish (Ctrl-C stops waiting, not the job).`);
    job = await waitForJob(api, job, jobHints(flags));
    const failed = unsuccessfulJob(job);
    if (failed) throw failed;
  }
  checkFileName(job, flags.file);
  const names = flags.file !== undefined ? [flags.file] : job.files.map((f) => f.name);
  const plan = await planDownload(names, flags.output);
  const targets = openTargets(plan);
  await downloadFiles(api, job, plan, targets);
  for (const line of downloadSummary(job, plan.dir ?? flags.output ?? "stdout")) info(line);
}

function checkFileName(job: ExportJob, file: string | undefined): void {
  if (file === undefined || file === MANIFEST_NAME || job.files.some((f) => f.name === file)) return;
  throw usageError(`--file ${file} is not a file of export job ${job.id}; it has ${[...job.files.map((f) => f.name), MANIFEST_NAME].join(", ")}`);
}
