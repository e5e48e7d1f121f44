// destination=s3: any S3-compatible bucket through the AWS SDK v3. Text files are uploaded part by
// part while the job writes them (the multipart calls below, driven by lib/core/export-jobs/s3-parts.ts);
// parquet, converted at the end, with lib-storage's multipart Upload streamed from disk in 8 MB parts
// (memory bounded by part size and queue depth, whatever the file's size); manifest.json is put last. Credentials
// come from the SDK's standard chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, roles).
import { createReadStream } from "node:fs";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Readable } from "node:stream";
import { UploadGone, type RemoteStore } from "../core/export-jobs/storage";
import { notFound } from "../core/errors";
import type { Env } from "../env";

/** NoSuchUpload: the upload was completed or aborted; the job starts a new one from its staged file. */
function gone(err: unknown): never {
  if ((err as { name?: string }).name === "NoSuchUpload") throw new UploadGone(String((err as Error).message));
  throw err;
}

export function s3Store(env: Env): RemoteStore | undefined {
  const bucket = env.FLYWHEEL_EXPORT_S3_BUCKET;
  if (!bucket) return undefined;
  const client = new S3Client({
    region: env.FLYWHEEL_EXPORT_S3_REGION,
    // Checksums only where S3 requires them: many S3-compatible stores reject the SDK's default
    // trailing checksums on streamed uploads.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    ...(env.FLYWHEEL_EXPORT_S3_ENDPOINT ? { endpoint: env.FLYWHEEL_EXPORT_S3_ENDPOINT, forcePathStyle: true } : {}),
  });
  const prefix = env.FLYWHEEL_EXPORT_S3_PREFIX;
  return {
    key: (appId, jobId, name) => `${prefix}${appId}/${jobId}/${name}`,
    async upload(key, file) {
      const upload = new Upload({ client, params: { Bucket: bucket, Key: key, Body: createReadStream(file) }, partSize: 8 * 1024 * 1024, queueSize: 2 });
      await upload.done();
    },
    async startUpload(key) {
      const out = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
      return out.UploadId!;
    },
    async uploadPart(key, uploadId, number, body) {
      const out = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: number, Body: body, ContentLength: body.length })).catch(gone);
      return out.ETag!;
    },
    async completeUpload(key, uploadId, parts) {
      await client
        .send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.number, ETag: p.etag })) } }))
        .catch(gone);
    },
    async abortUpload(key, uploadId) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }));
    },
    async putText(key, text) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: "application/json" }));
    },
    async read(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return { body: out.Body as Readable, size: Number(out.ContentLength ?? 0) };
      } catch (err) {
        if ((err as { name?: string }).name === "NoSuchKey") throw notFound("the file is no longer in the bucket");
        throw err;
      }
    },
    async remove(keys) {
      await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }));
    },
  };
}
