// destination=s3 against a real S3-API server (s3rver, started here on a free port; no mocked client):
// the job's files are uploaded under <prefix><app id>/<job id>/, manifest.json among them, nothing is
// left on local disk, and downloads stream from the bucket.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../harness";
import { createJob, download, waitForJob } from "./jobs-http";
import { ownSetup, seedSpans, type OwnSetup } from "./own-database";

const BUCKET = "flywheel-exports";
let s3: S3rver;
let s3Dir: string;
let endpoint: string;
let own: OwnSetup;

beforeAll(async () => {
  s3Dir = await mkdtemp(path.join(tmpdir(), "fw-s3rver-"));
  const port = await freePort();
  s3 = new S3rver({ port, address: "127.0.0.1", silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
  own = await ownSetup("s3", {
    FLYWHEEL_EXPORT_S3_BUCKET: BUCKET,
    FLYWHEEL_EXPORT_S3_ENDPOINT: endpoint,
    FLYWHEEL_EXPORT_S3_PREFIX: "exports/",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
  });
  await seedSpans(own.db, own.tenancy.appId, 3_000);
}, 240_000);

afterAll(async () => {
  await own?.stop();
  await s3?.close();
  await rm(s3Dir, { recursive: true, force: true });
});

describe("destination=s3", () => {
  it("uploads the files and the manifest under the prefix; downloads stream from the bucket", async () => {
    const t = own.tenancy;
    const base = own.server.baseUrl;
    const created = await createJob(t, { destination: "s3", compression: "gzip" }, { base });
    const job = await waitForJob(t, created.id, undefined, { base, timeoutMs: 45_000 }).catch((err) => {
      throw new Error(`${(err as Error).message}\n${own.server.output().slice(-3000)}`);
    });
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    const client = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `exports/${t.appId}/${job.id}/` }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual([`exports/${t.appId}/${job.id}/manifest.json`, `exports/${t.appId}/${job.id}/traces.jsonl.gz`]);
    const gz = (await download(t, job.id, "traces.jsonl.gz", { base })).bytes;
    expect(gz.length).toBe(job.files[0].bytes);
    const lines = gunzipSync(gz).toString("utf8").split("\n").filter(Boolean);
    expect(lines).toHaveLength(3_000);
    const manifest = JSON.parse((await download(t, job.id, "manifest.json", { base })).bytes.toString("utf8"));
    expect(manifest).toEqual(job);
    // Nothing stays on local disk for an s3 job.
    expect(await readdir(own.exportDir, { recursive: true }).then((f) => f.filter((x) => x.includes(job.id)))).toEqual([]);
  }, 120_000);
});
