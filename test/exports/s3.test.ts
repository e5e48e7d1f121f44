// destination=s3 against a real S3-API server (s3rver, started here on a free port; no mocked client).
// Text files go up part by part while the job writes them (5 MiB parts, S3's smallest), the parts
// recorded in the job's checkpoint; the object appears only when the job succeeds, equal to the page
// route's walk; a SIGKILLed worker's successor keeps the uploaded parts and carries on; a cancelled
// job leaves no object. The server runs with FLYWHEEL_WORKER=off: the worker processes started here
// run the jobs, so one can be killed.
import { createHash } from "node:crypto";
import { access, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../harness";
import type { Checkpoint } from "../../lib/core/export-jobs/checkpoint";
import { STALE_SECONDS } from "../../lib/core/export-jobs/job-store";
import { jobDir } from "../../lib/core/export-jobs/storage";
import { callJob, createJob, download, getJob, waitForJob, walkSpanIds } from "./jobs-http";
import { ownSetup, seedSpans, type OwnSetup } from "./own-database";
import { killWorkers, startWorker, workerAlive, type WorkerProcess } from "./worker-process";

const BUCKET = "flywheel-exports";
const ROWS = 30_000;
const PART = 5 * 1024 * 1024;
let s3: S3rver;
let s3Dir: string;
let endpoint: string;
let s3Env: Record<string, string>;
let own: OwnSetup;
let client: S3Client;

const exists = (p: string) => access(p).then(() => true, () => false);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  s3Dir = await mkdtemp(path.join(tmpdir(), "fw-s3rver-"));
  const port = await freePort();
  s3 = new S3rver({ port, address: "127.0.0.1", silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
  s3Env = {
    FLYWHEEL_EXPORT_S3_BUCKET: BUCKET,
    FLYWHEEL_EXPORT_S3_ENDPOINT: endpoint,
    FLYWHEEL_EXPORT_S3_PREFIX: "exports/",
    FLYWHEEL_EXPORT_S3_PART_BYTES: String(PART),
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
  };
  own = await ownSetup("s3", { ...s3Env, FLYWHEEL_WORKER: "off" });
  await seedSpans(own.db, own.tenancy.appId, ROWS);
  client = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
}, 240_000);

afterAll(async () => {
  killWorkers();
  await own?.stop();
  await s3?.close();
  await rm(s3Dir, { recursive: true, force: true });
});

const worker = (): WorkerProcess => startWorker(own, s3Env);
const ensureWorker = () => {
  if (!workerAlive()) worker();
};

/** The job's objects in the bucket. */
async function objects(jobId: string): Promise<string[]> {
  const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `exports/${own.tenancy.appId}/${jobId}/` }));
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

/** The job's row as the worker left it: status, holder and checkpoint. */
async function jobRow(id: string): Promise<{ status: string; worker: string | null; checkpoint: Checkpoint | null }> {
  const [row] = await own.db.query<{ status: string; worker: string | null; checkpoint: Checkpoint | null }>(`SELECT status, worker, checkpoint FROM export_job WHERE id = $1`, [id]);
  return row;
}

/** Polls the job's row (20 ms) until `done` holds. */
async function waitForRow(id: string, done: (r: Awaited<ReturnType<typeof jobRow>>) => boolean, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await jobRow(id);
    if (done(row)) return row;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${row.status}: ${JSON.stringify(row.checkpoint)}`);
    await sleep(20);
  }
}

const uploadedParts = (r: { checkpoint: Checkpoint | null }) => r.checkpoint?.parts[0].upload?.parts.length ?? 0;

/** The job's row once its first part is in the bucket's upload (or once it stopped running: the test then fails on its status). */
const untilPartUploaded = (id: string) => waitForRow(id, (r) => uploadedParts(r) >= 1 || !["queued", "running"].includes(r.status));

describe("destination=s3", () => {
  it("uploads the files and the manifest under the prefix; downloads stream from the bucket", async () => {
    ensureWorker();
    const t = own.tenancy;
    const base = own.server.baseUrl;
    const created = await createJob(t, { destination: "s3", compression: "gzip" }, { base });
    const job = await waitForJob(t, created.id, undefined, { base, timeoutMs: 90_000 });
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    expect(await objects(job.id)).toEqual([`exports/${t.appId}/${job.id}/manifest.json`, `exports/${t.appId}/${job.id}/traces.jsonl.gz`]);
    const gz = (await download(t, job.id, "traces.jsonl.gz", { base })).bytes;
    expect(gz.length).toBe(job.files[0].bytes);
    const lines = gunzipSync(gz).toString("utf8").split("\n").filter(Boolean);
    expect(lines).toHaveLength(ROWS);
    const manifest = JSON.parse((await download(t, job.id, "manifest.json", { base })).bytes.toString("utf8"));
    expect(manifest).toEqual(job);
    // Nothing stays on local disk for an s3 job.
    expect(await readdir(own.exportDir, { recursive: true }).then((f) => f.filter((x) => x.includes(job.id)))).toEqual([]);
  }, 150_000);

  it("uploads parts while the job runs; the object appears at the end, equal to the page route's walk", async () => {
    ensureWorker();
    const t = own.tenancy;
    const base = own.server.baseUrl;
    const created = await createJob(t, { destination: "s3" }, { base });
    const running = await untilPartUploaded(created.id);
    expect(running.status).toBe("running");
    const upload = running.checkpoint!.parts[0].upload!;
    // The first part is in the bucket's upload (s3rver keeps parts under its uploads folder), whole
    // and below the checkpoint's byte offset; no object yet.
    expect(upload.parts[0]).toMatchObject({ number: 1, start: 0, end: PART });
    expect(running.checkpoint!.parts[0].bytes).toBeGreaterThanOrEqual(PART);
    expect(await exists(path.join(s3Dir, BUCKET, "._S3rver_uploads", upload.uploadId, "1"))).toBe(true);
    expect(await objects(created.id)).toEqual([]);

    const job = await waitForJob(t, created.id, undefined, { base, timeoutMs: 90_000 });
    expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
    // Several parts: the file is more than two 5 MiB parts long.
    expect(job.files[0].bytes).toBeGreaterThan(2 * PART);
    const { bytes } = await download(t, job.id, "traces.jsonl", { base });
    expect(bytes.length).toBe(job.files[0].bytes);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(job.files[0].sha256);
    const ids = bytes.toString("utf8").split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { span_id: string }).span_id);
    expect(ids).toEqual(await walkSpanIds(t, job, { base }));
  }, 150_000);

  it("a SIGKILLed worker's upload is carried on by the next worker: same upload, parts kept, every row once", async () => {
    for (;;) {
      // The job must be taken by the worker killed below: no other worker runs.
      if (!workerAlive()) break;
      killWorkers();
      await sleep(100);
    }
    const t = own.tenancy;
    const base = own.server.baseUrl;
    const created = await createJob(t, { destination: "s3", format: "csv" }, { base });
    const first = worker();
    const killedAt = await untilPartUploaded(created.id);
    await first.kill();
    expect(killedAt.status, first.output()).toBe("running");
    const before = (await jobRow(created.id)).checkpoint!.parts[0];
    expect(before.upload!.parts.length).toBeGreaterThanOrEqual(1);
    expect(before.upload!.parts.every((p) => p.end <= before.bytes)).toBe(true);

    await sleep((STALE_SECONDS + 1) * 1000);
    const second = worker();
    // The successor's own checkpoints: the same multipart upload, the dead worker's parts as they were, more after them.
    const resumed = await waitForRow(
      created.id,
      (r) => (r.worker !== null && r.worker !== killedAt.worker && uploadedParts(r) > before.upload!.parts.length) || !["queued", "running"].includes(r.status),
      120_000,
    );
    expect(resumed.status, second.output()).toBe("running");
    const after = resumed.checkpoint!.parts[0].upload!;
    expect(after.uploadId).toBe(before.upload!.uploadId);
    expect(after.parts.slice(0, before.upload!.parts.length)).toEqual(before.upload!.parts);

    const done = await waitForJob(t, created.id, undefined, { base, timeoutMs: 120_000 });
    expect(done.status, second.output()).toBe("succeeded");
    expect(done).toMatchObject({ total: ROWS, rows_read: ROWS, exported: ROWS });
    const { bytes } = await download(t, created.id, "traces.csv", { base });
    expect(bytes.length).toBe(done.files[0].bytes);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(done.files[0].sha256);
    // Every row once: one CRLF-ended csv line per span (the header aside; no cell here holds a line
    // break), the span id in the second column, before any quoted cell.
    const [header, ...rows] = bytes.toString("utf8").trimEnd().split("\r\n");
    expect(rows).toHaveLength(ROWS);
    const col = header.split(",").indexOf("span_id");
    const ids = rows.map((r) => r.split(",")[col]);
    expect(new Set(ids).size).toBe(ROWS);
    expect(ids).toEqual(await walkSpanIds(t, done, { base }));
  }, 240_000);

  it("a cancelled s3 job leaves no object, in the bucket or on disk", async () => {
    ensureWorker();
    const t = own.tenancy;
    const base = own.server.baseUrl;
    const created = await createJob(t, { destination: "s3" }, { base });
    const running = await untilPartUploaded(created.id);
    expect(running.status).toBe("running");
    expect((await callJob(t, `/${created.id}`, "DELETE", { base })).status).toBe(200);
    const partial = path.join(jobDir({ root: own.exportDir }, t.appId, created.id), ".partial");
    const deadline = Date.now() + 20_000;
    while ((await exists(partial)) && Date.now() < deadline) await sleep(100);
    expect(await exists(partial)).toBe(false);
    expect((await getJob(t, created.id, { base })).status).toBe("cancelled");
    expect(await objects(created.id)).toEqual([]);
    expect((await callJob(t, `/${created.id}/files/traces.jsonl`, "GET", { base })).status).toBe(404);
  }, 120_000);
});
