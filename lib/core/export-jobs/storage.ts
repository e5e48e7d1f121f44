// Where a job's files live. Every job first writes under a `.partial` folder of its own on local disk
// (the resume point's byte offsets refer to those files); on success they are published at once:
// renamed into the job's folder (local) or, for s3, the uploads that ran with the job completed
// (s3-parts.ts; parquet uploaded then, lib/jobs/s3-store.ts), manifest.json last, so a reader
// that sees the manifest sees every file it lists, and a failed or cancelled job leaves nothing that
// looks complete (STYLE.md 14).
import { createReadStream } from "node:fs";
import { rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { notFound } from "../errors";
import { MANIFEST_NAME, type Destination } from "./contract";

export interface StoredFile {
  body: Readable;
  size: number;
}

/** The multipart upload is no longer open (completed by a worker that died before saying so, or aborted by a bucket rule). */
export class UploadGone extends Error {}

/** What publishing and reading a destination other than local disk takes (s3-storage.ts). */
export interface RemoteStore {
  upload(key: string, file: string): Promise<void>;
  /** A multipart upload, driven part by part as a job writes its file (s3-parts.ts): its upload id. */
  startUpload(key: string): Promise<string>;
  /** One part (numbered from 1): its ETag. Throws UploadGone (as completeUpload does) when the upload is not open. */
  uploadPart(key: string, uploadId: string, number: number, body: Uint8Array): Promise<string>;
  completeUpload(key: string, uploadId: string, parts: { number: number; etag: string }[]): Promise<void>;
  abortUpload(key: string, uploadId: string): Promise<void>;
  putText(key: string, text: string): Promise<void>;
  read(key: string): Promise<StoredFile>;
  remove(keys: string[]): Promise<void>;
  /** The object key of a job's file: `<prefix><app id>/<job id>/<file>`. */
  key(appId: string, jobId: string, name: string): string;
}

export interface JobStorage {
  root: string;
  s3?: RemoteStore;
}

/** The job's folder: `<root>/<app id>/<job id>` (the app id escaped: it is text an admin chose). */
export function jobDir(st: JobStorage, appId: string, jobId: string): string {
  return path.join(st.root, encodeURIComponent(appId), jobId);
}

/** Where a file is written while the job runs. */
export function partialPath(st: JobStorage, appId: string, jobId: string, name: string): string {
  return path.join(jobDir(st, appId, jobId), ".partial", name);
}

/** Removes what a job wrote but did not publish. */
export async function discardPartial(st: JobStorage, appId: string, jobId: string): Promise<void> {
  await rm(path.join(jobDir(st, appId, jobId), ".partial"), { recursive: true, force: true });
}

/**
 * Publishes the finished files, then the manifest; the staging folder goes last. `uploaded`: files
 * already in the bucket (text files of an s3 job, uploaded while it ran: s3-parts.ts).
 */
export async function publish(st: JobStorage, destination: Destination, appId: string, jobId: string, names: string[], manifest: string, uploaded: string[] = []): Promise<void> {
  const dir = jobDir(st, appId, jobId);
  if (destination === "s3") {
    if (!st.s3) throw new Error("destination s3 without FLYWHEEL_EXPORT_S3_BUCKET");
    for (const name of names) {
      if (!uploaded.includes(name)) await st.s3.upload(st.s3.key(appId, jobId, name), partialPath(st, appId, jobId, name));
    }
    await st.s3.putText(st.s3.key(appId, jobId, MANIFEST_NAME), manifest);
    await rm(dir, { recursive: true, force: true });
    return;
  }
  for (const name of names) await rename(partialPath(st, appId, jobId, name), path.join(dir, name));
  const tmp = partialPath(st, appId, jobId, MANIFEST_NAME);
  await writeFile(tmp, manifest);
  await rename(tmp, path.join(dir, MANIFEST_NAME));
  await discardPartial(st, appId, jobId);
}

/** A published file, streamed from where it lives. */
export async function readFile(st: JobStorage, destination: Destination, appId: string, jobId: string, name: string): Promise<StoredFile> {
  if (destination === "s3") {
    if (!st.s3) throw notFound(`${name} is in a bucket this server is not configured for`);
    return st.s3.read(st.s3.key(appId, jobId, name));
  }
  const file = path.join(jobDir(st, appId, jobId), name);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw notFound(`${name} is no longer stored`);
  }
  return { body: createReadStream(file), size };
}

/** Deletes a job's files wherever they are (published and partial). */
export async function removeFiles(st: JobStorage, destination: Destination, appId: string, jobId: string, names: string[]): Promise<void> {
  if (destination === "s3" && st.s3 && names.length) {
    await st.s3.remove([...names, MANIFEST_NAME].map((n) => st.s3!.key(appId, jobId, n)));
  }
  await rm(jobDir(st, appId, jobId), { recursive: true, force: true });
}
