// Which file of a job may be downloaded, and how it is served: a succeeded job's own files and its
// manifest, while they are still stored.
import { notFound } from "../errors";
import type { Db } from "../db";
import { MANIFEST_NAME } from "./contract";
import { findJob } from "./job-store";
import { jobBody } from "./job-body";
import { readFile, type StoredFile } from "./storage";

const CONTENT_TYPES: [suffix: string, type: string][] = [
  [".gz", "application/gzip"],
  [".jsonl", "application/x-ndjson; charset=utf-8"],
  [".csv", "text/csv; charset=utf-8"],
  [".parquet", "application/vnd.apache.parquet"],
  [".json", "application/json"],
];

export interface JobFileDownload extends StoredFile {
  contentType: string;
  downloadName: string;
  /** The sha256 the job recorded (not for manifest.json, which lists the others'). */
  sha256?: string;
}

export async function openJobFile(db: Db, storage: Parameters<typeof readFile>[0], tenantId: string, appId: string, id: string, name: string): Promise<JobFileDownload> {
  const job = await findJob(db, tenantId, appId, id);
  if (job.status !== "succeeded") throw notFound(`Job ${id} is ${job.status}; its files are served once it has succeeded`);
  if (job.files_deleted_at) throw notFound(`The files of job ${id} were deleted`);
  const listed = (job.files ?? []).find((f) => f.name === name);
  if (!listed && name !== MANIFEST_NAME) throw notFound(`Job ${id} has no file ${name}`);
  const file = await readFile(storage, jobBody(job).destination, appId, id, name);
  const contentType = CONTENT_TYPES.find(([suffix]) => name.endsWith(suffix))?.[1] ?? "application/octet-stream";
  return { ...file, contentType, downloadName: `${id}-${name}`, sha256: listed?.sha256 };
}
