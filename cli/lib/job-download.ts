// Where a finished job's files go, and getting them there. One file goes to stdout or the -o file; a
// job with several files (openai train + validation) needs -o naming a directory, where each keeps its
// own name. Every file is streamed (memory flat), written to a temp file and renamed only once its
// size and sha256 match what the job recorded, so a broken download never looks complete.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import type { ExportJob } from "../../lib/core/export-jobs/contract";
import { unavailable, usageError } from "./cli-error";
import { bodyChunks } from "./http";
import { checkOverwrite, fileTarget, stdoutTarget, type OutputTarget } from "./output-target";
import type { JobsApi } from "./jobs-api";

export interface DownloadPlan {
  /** Each file of the job to fetch, with where it goes (undefined: stdout). */
  files: { name: string; dest?: string }[];
  /** The directory -o named, when the files go into one. */
  dir?: string;
}

const BINARY = /\.(gz|parquet)$/;

/**
 * Decides where each file goes and settles every refusal and overwrite question before anything is
 * requested: stdout takes one file only (and no binary on a terminal); -o names a file for one file,
 * a directory (existing, or for several files) otherwise.
 */
export async function planDownload(names: string[], output: string | undefined): Promise<DownloadPlan> {
  if (output === undefined) {
    if (names.length > 1) {
      throw usageError(`This export writes ${names.length} files (${names.join(", ")}); stdout can take only one. Pass -o DIR to save them into a directory, or --file NAME (flywheel export download) for one`);
    }
    if (BINARY.test(names[0]) && process.stdout.isTTY) {
      throw usageError(`${names[0]} is binary; not writing it to a terminal. Pass -o FILE, or pipe stdout`);
    }
    return { files: [{ name: names[0] }] };
  }
  const isDir = existsSync(output) && statSync(output).isDirectory();
  if (names.length === 1 && !isDir) {
    await checkOverwrite(output);
    return { files: [{ name: names[0], dest: output }] };
  }
  if (existsSync(output) && !isDir) throw usageError(`-o ${output} is a file, but this export writes ${names.length} files (${names.join(", ")}); name a directory`);
  const files = names.map((name) => ({ name, dest: path.join(output, name) }));
  for (const f of files) await checkOverwrite(f.dest);
  return { files, dir: output };
}

/** Opens every destination now, so an unwritable place fails before any request spends quota. */
export function openTargets(plan: DownloadPlan): OutputTarget[] {
  if (plan.dir !== undefined) {
    try {
      mkdirSync(plan.dir, { recursive: true });
    } catch (err) {
      throw usageError(`Cannot create the directory -o ${plan.dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  return plan.files.map((f) => (f.dest === undefined ? stdoutTarget() : fileTarget(f.dest)));
}

/** Streams each file into its target, checking bytes and sha256 against the job; all or nothing for files. */
export async function downloadFiles(api: JobsApi, job: ExportJob, plan: DownloadPlan, targets: OutputTarget[]): Promise<void> {
  try {
    for (const [i, f] of plan.files.entries()) {
      const expected = job.files.find((x) => x.name === f.name);
      await streamFile(api, job.id, f.name, targets[i], expected);
    }
    for (const t of targets) await t.commit();
  } catch (err) {
    for (const t of targets) t.discard();
    throw err;
  }
}

async function streamFile(api: JobsApi, id: string, name: string, target: OutputTarget, expected?: { bytes: number; sha256: string }): Promise<void> {
  const res = await api.file(id, name);
  const hash = createHash("sha256");
  let bytes = 0;
  const kept = target.file ? " and was not kept" : "";
  const brokeOff = (why: string) => unavailable(`The download of ${name} broke off after ${bytes} bytes (${why}); it is incomplete${kept}`);
  for await (const chunk of bodyChunks(res, brokeOff)) {
    hash.update(chunk);
    bytes += chunk.length;
    await target.write(chunk);
  }
  // manifest.json is not among the job's files: nothing to check it against.
  if (!expected) return;
  if (bytes !== expected.bytes) throw unavailable(`${name} arrived with ${bytes} bytes, the job wrote ${expected.bytes}; it is incomplete${kept}`);
  const sha = hash.digest("hex");
  if (sha !== expected.sha256.toLowerCase()) throw unavailable(`${name} arrived damaged (sha256 ${sha}, the job wrote ${expected.sha256})${kept}`);
}
