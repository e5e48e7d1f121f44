// destination=s3: any S3-compatible bucket through the AWS SDK v3. Files are uploaded with
// lib-storage's multipart Upload, streamed from the job's staged file in 8 MB parts (memory bounded
// by the part size and queue depth, whatever the file's size); manifest.json is put last. Credentials
// come from the SDK's standard chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, roles).
import { createReadStream } from "node:fs";
import { DeleteObjectsCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { Readable } from "node:stream";
import type { RemoteStore } from "../core/export-jobs/storage";
import { notFound } from "../core/errors";
import type { Env } from "../env";

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
