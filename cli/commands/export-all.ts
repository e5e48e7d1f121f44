// `flywheel export traces --all`: a bulk export job (SPEC §7) for every matching row. Everything that
// can refuse — flags, the -o file or directory, stdout for several files — does so before the job is
// created (creating one counts against the export rate limit). Then: wait with progress on stderr,
// and stream the finished file(s) to stdout or -o; `--no-wait` prints the job id instead.
import { unavailable } from "../lib/cli-error";
import { info } from "../lib/output";
import type { ExportFlags } from "../lib/export-query";
import { buildJobRequest } from "../lib/job-body";
import { downloadFiles, openTargets, planDownload, type DownloadPlan } from "../lib/job-download";
import { downloadSummary } from "../lib/job-report";
import { jobHints, unsuccessfulJob, waitForJob } from "../lib/job-wait";
import { JobsApi } from "../lib/jobs-api";
import { connectionFrom } from "./connection-options";

export async function exportAll(flags: ExportFlags): Promise<void> {
  const now = new Date();
  const conn = connectionFrom(flags);
  const request = buildJobRequest(flags, now);
  const hints = jobHints(flags);

  let plan: DownloadPlan | undefined;
  if (flags.wait === false) {
    if (flags.output !== undefined) info(`--no-wait downloads nothing; ignoring -o ${flags.output}.`);
  } else {
    plan = await planDownload(request.files, flags.output);
  }
  const targets = plan ? openTargets(plan) : [];

  const api = new JobsApi(conn);
  try {
    const created = await api.create(request.body);
    if (!plan) {
      // stdout carries the id alone, so `id=$(flywheel export traces --all --no-wait)` works.
      process.stdout.write(`${created.id}\n`);
      info(`Export job ${created.id} ${created.status}. Follow it: ${hints.command("status", created.id)}`);
      info(`Download it when it is done: ${hints.command("download", created.id)} -o <file>`);
      return;
    }
    info(`Export job ${created.id} created (${request.files.join(", ")}). Ctrl-C stops waiting; the job keeps running.`);
    const job = await waitForJob(api, created, hints, () => targets.forEach((t) => t.discard()));
    const bad = unsuccessfulJob(job);
    if (bad) throw bad;
    const missing = plan.files.filter((f) => !job.files.some((x) => x.name === f.name));
    if (missing.length) throw unavailable(`Export job ${job.id} wrote ${job.files.map((f) => f.name).join(", ") || "no files"}, not ${missing.map((f) => f.name).join(", ")}: ${hints.command("download", job.id)} --file NAME`);
    await downloadFiles(api, job, plan, targets);
    for (const line of downloadSummary(job, plan.dir ?? flags.output ?? "stdout")) info(line);
  } catch (err) {
    for (const t of targets) t.discard();
    throw err;
  }
}
