// The bulk export API's contract around the jobs (SPEC §7): 400s naming the field (and costing no
// quota), the rate limit (429 + Retry-After), another tenant's job a 404 on every path, cancel and
// delete, and file expiry.
import { access } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, makeTenancy, testDb, type Tenancy } from "../fixtures";
import { ROOT, type TestServer } from "../harness";
import { errorOf, jwtFor } from "../export/http";
import { exportJobListSchema } from "../../lib/core/export-jobs/contract";
import { ago, generation, insertSpans } from "../export/seed";
import { extraServer } from "../export/servers";
import { expireJobFiles } from "../../lib/core/export-jobs/expire-files";
import { jobDir } from "../../lib/core/export-jobs/storage";
import { callJob, createJob, download, getJob, listJobs, postJob, waitForJob } from "./jobs-http";

/** The global test server's storage (FLYWHEEL_EXPORT_DIR's default, under the project). */
const storage = { root: path.join(ROOT, ".data", "exports") };

const exists = (p: string) => access(p).then(() => true, () => false);

describe("POST /v1/exports validation", () => {
  let t: Tenancy;
  beforeAll(async () => {
    t = await makeTenancy("jobval");
  });

  const cases: [string, unknown, string][] = [
    ["an unknown key", { formatt: "csv" }, "formatt"],
    ["a bad format", { format: "xml" }, "format"],
    ["a limit over FLYWHEEL_EXPORT_MAX_ROWS", { limit: 5_000_001 }, "limit"],
    ["gzip with parquet", { format: "parquet", compression: "gzip" }, "compression"],
    ["an unknown destination", { destination: "ftp" }, "destination"],
    ["s3 on a server without a bucket", { destination: "s3" }, "destination"],
    ["a fine-tuning option with jsonl", { unit: "trace" }, "unit"],
    ["a bad score condition", { score: ["correctness>>1"] }, "score"],
    ["an impossible date", { startDate: "2026-02-30" }, "startDate"],
    ["metadata_key without metadata_value", { metadata_key: "k" }, "metadata_value"],
    ["a NUL in a value", { model: "gpt\u0000" }, "model"],
  ];
  it.each(cases)("refuses %s with a 400 naming it", async (_what, body, field) => {
    const res = await postJob(t, body);
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.invalid_params?.map((p) => p.name)).toContain(field);
  });

  it("refuses a body that is not a JSON object", async () => {
    for (const body of ["[1]", "not json", "null"]) {
      const res = await postJob(t, body);
      expect(res.status).toBe(400);
      await errorOf(res);
    }
  });

  it("wants credentials", async () => {
    const res = await fetch(`${baseUrl()}/v1/exports`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(res.status).toBe(401);
  });
});

describe("tenancy", () => {
  it("another tenant's job id is a 404 on every path, and never listed", async () => {
    const [a, b] = await Promise.all([makeTenancy("joba"), makeTenancy("jobb")]);
    await insertSpans(a.appId, [generation("ta", "sa", ago(5))]);
    const job = await waitForJob(a, (await createJob(a, {})).id);
    expect(job.status).toBe("succeeded");
    for (const [p, method] of [[`/${job.id}`, "GET"], [`/${job.id}/files/traces.jsonl`, "GET"], [`/${job.id}/files/manifest.json`, "GET"], [`/${job.id}`, "DELETE"]] as const) {
      const res = await callJob(b, p, method);
      expect(res.status, `${method} ${p}`).toBe(404);
      expect((await errorOf(res)).code).toBe("not_found");
    }
    expect(await listJobs(b)).toEqual([]);
    // Still whole for its owner.
    expect((await download(a, job.id, "traces.jsonl")).bytes.toString()).toContain('"span_id":"sa"');
    expect((await listJobs(a)).map((j) => j.id)).toEqual([job.id]);
  });
});

describe("JWT callers", () => {
  it("name the app with appId= and see the same jobs; without appId it is not a request for any app", async () => {
    const t = await makeTenancy("jobjwt");
    await insertSpans(t.appId, [generation("tj", "sj", ago(5))]);
    const job = await waitForJob(t, (await createJob(t, { format: "csv" })).id);
    const headers = { authorization: `Bearer ${await jwtFor(t.userId)}` };
    const listed = await fetch(`${baseUrl()}/v1/exports?appId=${t.appId}`, { headers });
    expect(listed.status).toBe(200);
    expect(exportJobListSchema.parse(await listed.json()).jobs.map((j) => j.id)).toEqual([job.id]);
    const file = await fetch(`${baseUrl()}/v1/exports/${job.id}/files/traces.csv?appId=${t.appId}`, { headers });
    expect(file.status).toBe(200);
    expect(await file.text()).toContain("sj");
    expect((await fetch(`${baseUrl()}/v1/exports`, { headers })).status).toBeGreaterThanOrEqual(400);
  });
});

describe("cancel, delete, expiry", () => {
  it("DELETE cancels a queued job; it never runs and leaves no files", async () => {
    const t = await makeTenancy("jobcancel");
    await insertSpans(t.appId, Array.from({ length: 50 }, (_, i) => generation(`tc${i}`, `sc${i}`, ago(i + 1))));
    // A job of this tenant holds the tenant's one running slot? Not needed: cancel right away.
    const created = await createJob(t, {});
    const res = await callJob(t, `/${created.id}`, "DELETE");
    expect(res.status).toBe(200);
    const after = await getJob(t, created.id);
    // Either cancelled before a worker took it, or it finished first (then DELETE removed its files).
    if (after.status === "cancelled") {
      expect(after.files).toEqual([]);
      await new Promise((r) => setTimeout(r, 1500));
      expect((await getJob(t, created.id)).status).toBe("cancelled");
      expect(await exists(path.join(jobDir(storage, t.appId, created.id), "traces.jsonl"))).toBe(false);
    } else {
      expect(after.status).toBe("succeeded");
    }
    expect((await callJob(t, `/${created.id}/files/traces.jsonl`)).status).toBe(404);
  });

  it("DELETE of a finished job deletes its files; the job stays listed", async () => {
    const t = await makeTenancy("jobdel");
    await insertSpans(t.appId, [generation("td", "sd", ago(5))]);
    const job = await waitForJob(t, (await createJob(t, {})).id);
    const dir = jobDir(storage, t.appId, job.id);
    expect(await exists(path.join(dir, "manifest.json"))).toBe(true);
    expect((await callJob(t, `/${job.id}`, "DELETE")).status).toBe(200);
    expect(await exists(dir)).toBe(false);
    expect((await callJob(t, `/${job.id}/files/traces.jsonl`)).status).toBe(404);
    const after = await getJob(t, job.id);
    expect(after.status).toBe("succeeded");
    // The job says its files are gone, so a client shows no link that would 404.
    expect(after.files_deleted_at).not.toBeNull();
    expect(job.files_deleted_at).toBeNull();
  });

  it("files older than FLYWHEEL_EXPORT_FILE_DAYS are deleted by the sweep", async () => {
    const t = await makeTenancy("jobexp");
    await insertSpans(t.appId, [generation("te", "se", ago(5))]);
    const [old, fresh] = [await createJob(t, {}), await createJob(t, {})];
    await waitForJob(t, old.id);
    await waitForJob(t, fresh.id);
    const db = await testDb();
    await db.execute(`UPDATE export_job SET finished_at = now() - interval '8 days' WHERE id = $1`, [old.id]);
    expect(await expireJobFiles(db, storage, 7)).toBeGreaterThanOrEqual(1);
    expect(await exists(jobDir(storage, t.appId, old.id))).toBe(false);
    expect((await callJob(t, `/${old.id}/files/traces.jsonl`)).status).toBe(404);
    expect((await getJob(t, old.id)).files_deleted_at).not.toBeNull();
    expect((await getJob(t, fresh.id)).files_deleted_at).toBeNull();
    expect((await download(t, fresh.id, "traces.jsonl")).bytes.length).toBeGreaterThan(0);
  });
});

describe("rate limit", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await extraServer("jobrl", { FLYWHEEL_EXPORT_RATE_LIMIT: "2" });
  }, 240_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("a job is one export request: past the limit 429 with Retry-After; a 400 costs nothing", async () => {
    const t = await makeTenancy("jobrl");
    const base = server.baseUrl;
    for (let i = 0; i < 3; i++) expect((await postJob(t, { format: "nope" }, { base })).status).toBe(400);
    expect((await postJob(t, {}, { base })).status).toBe(202);
    expect((await postJob(t, { format: "csv" }, { base })).status).toBe(202);
    const res = await postJob(t, {}, { base });
    expect(res.status).toBe(429);
    expect((await errorOf(res)).code).toBe("rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(3000);
    // A bad body past the limit is still a 400: validation comes first.
    expect((await postJob(t, { limit: 0 }, { base })).status).toBe(400);
  });
});
