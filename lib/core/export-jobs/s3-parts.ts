// destination=s3: each staged text file is uploaded to the bucket while the job writes it, as one S3
// multipart upload (docs/bulk-exports.md "S3"). Part boundaries are fixed byte offsets of the staged
// file (n × part size), independent of pages and gzip members: the object is the staged file's bytes
// in order, whatever they are, and S3 only asks that every part but the last be at least 5 MiB. After
// each page the file is synced, the whole parts below its length are uploaded, and their ETags are
// saved with the checkpoint that covers them; on success the tail (the last part, any size) goes and
// the upload is completed. The staged file stays the resumable source: a resumed job keeps the parts
// its checkpoint lists (all wholly below its byte offset) and uploads on from the next one.
import { open } from "node:fs/promises";
import type { PartState, PartUpload } from "./checkpoint";
import { UploadGone, type RemoteStore } from "./storage";

/** Default part size (FLYWHEEL_EXPORT_S3_PART_BYTES); S3's floor is 5 MiB for every part but the last. */
export const S3_PART_BYTES = 8 * 1024 * 1024;
export const S3_MIN_PART_BYTES = 5 * 1024 * 1024;
/** S3's most parts per upload: 10,000 × 8 MiB ≈ 78 GiB per file at the default part size. */
const MAX_PARTS = 10_000;

/** Where the next part starts: the end of the last uploaded one. */
function uploadedEnd(u: PartUpload | undefined): number {
  return u?.parts.at(-1)?.end ?? 0;
}

/** On resume: only the parts wholly below the checkpoint's byte offset are kept (the file is cut back to it). */
export function keepUploadedParts(ps: PartState): void {
  if (ps.upload) ps.upload.parts = ps.upload.parts.filter((p) => p.end <= ps.bytes);
}

async function readRange(file: string, start: number, end: number): Promise<Buffer> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(end - start);
    let done = 0;
    while (done < buf.length) {
      const { bytesRead } = await fh.read(buf, done, buf.length - done, start + done);
      if (bytesRead === 0) throw new Error(`${file} ends at ${start + done}, before ${end}`);
      done += bytesRead;
    }
    return buf;
  } finally {
    await fh.close();
  }
}

/**
 * Uploads the parts of `file` from the end of the last uploaded one up to `upTo` — whole parts only,
 * unless `last` (then the tail too). Starts the multipart upload when its first part is due. One part
 * is in memory at a time. Each part uploaded is added to `ps.upload`, to be saved with the next checkpoint.
 */
export async function uploadParts(store: RemoteStore, ps: PartState, file: string, key: string, partBytes: number, upTo: number, last: boolean): Promise<void> {
  let restarted = false;
  for (let start = uploadedEnd(ps.upload); start < upTo; start = uploadedEnd(ps.upload)) {
    const end = Math.min(start + partBytes, upTo);
    if (end - start < partBytes && !last) return;
    ps.upload ??= { key, uploadId: await store.startUpload(key), parts: [] };
    const number = ps.upload.parts.length + 1;
    if (number > MAX_PARTS) throw new Error(`${ps.name} needs more than ${MAX_PARTS} parts of ${partBytes} bytes: raise FLYWHEEL_EXPORT_S3_PART_BYTES`);
    let etag: string;
    try {
      etag = await store.uploadPart(key, ps.upload.uploadId, number, await readRange(file, start, end));
    } catch (err) {
      // The upload is gone (a bucket rule aborted it, or a dead worker completed it): the staged file
      // holds every byte, so a new upload starts from its first part, once.
      if (!(err instanceof UploadGone) || restarted) throw err;
      restarted = true;
      ps.upload = undefined;
      continue;
    }
    ps.upload.parts.push({ number, etag, start, end });
  }
}

/** The file's tail goes up and its upload is completed: the object appears, whole. */
export async function finishUpload(store: RemoteStore, ps: PartState, file: string, key: string, partBytes: number): Promise<void> {
  // An empty file has no part to send (a multipart upload needs one): it is put as it is.
  if (ps.bytes === 0) {
    if (ps.upload) await store.abortUpload(key, ps.upload.uploadId);
    await store.putText(key, "");
    return;
  }
  await uploadParts(store, ps, file, key, partBytes, ps.bytes, true);
  try {
    await store.completeUpload(key, ps.upload!.uploadId, ps.upload!.parts);
  } catch (err) {
    if (!(err instanceof UploadGone)) throw err;
    // A worker that completed this upload died before the job's success was saved (or a bucket rule
    // aborted it): the staged file is whole, so it goes up again in a new upload.
    ps.upload = undefined;
    await uploadParts(store, ps, file, key, partBytes, ps.bytes, true);
    await store.completeUpload(key, ps.upload!.uploadId, ps.upload!.parts);
  }
}

/**
 * A failed or cancelled job's uploads are aborted, so no object appears and the bucket drops the parts.
 * An abort that fails is reported, not thrown: without its completion the upload never becomes an object.
 */
export async function abortUploads(store: RemoteStore | undefined, parts: PartState[], log?: (line: Record<string, unknown>) => void): Promise<void> {
  if (!store) return;
  for (const ps of parts) {
    if (!ps.upload) continue;
    await store.abortUpload(ps.upload.key, ps.upload.uploadId).catch((err) =>
      log?.({ level: "error", event: "export_s3_abort_failed", key: ps.upload!.key, error: String((err as Error)?.message ?? err) }),
    );
  }
}
