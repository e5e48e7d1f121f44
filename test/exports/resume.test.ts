// A worker killed mid-job (SIGKILL: no cleanup, no goodbye) leaves its job `running`; once its
// heartbeat is stale, the next `npm run worker` resumes it from the last checkpoint and the file holds
// every row exactly once, in order — equal to a full cursor walk of the page route. The server runs
// with FLYWHEEL_WORKER=off, so only the worker processes started here run jobs.
import { access } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STALE_SECONDS } from "../../lib/core/export-jobs/job-store";
import { jobDir } from "../../lib/core/export-jobs/storage";
import { callJob, createJob, download, getJob, waitForJob, walkSpanIds } from "./jobs-http";
import { ownSetup, seedSpans, type OwnSetup } from "./own-database";
import { killWorkers, startWorker as startWorkerOf, workerAlive } from "./worker-process";

const ROWS = 30_000;

const exists = (p: string) => access(p).then(() => true, () => false);

let own: OwnSetup;
const startWorker = () => startWorkerOf(own);

beforeAll(async () => {
  own = await ownSetup("resume", { FLYWHEEL_WORKER: "off" });
  await seedSpans(own.db, own.tenancy.appId, ROWS);
}, 240_000);

afterAll(async () => {
  killWorkers();
  await own?.stop();
});

describe("kill and resume", () => {
  it("a SIGKILLed worker's job is resumed by the next worker: no row twice, none missing", async () => {
    const t = own.tenancy;
    const base = own.server.baseUrl;
    const created = await createJob(t, { compression: "gzip" }, { base });
    // No worker yet: the server (FLYWHEEL_WORKER=off) only queues it.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await getJob(t, created.id, { base })).status).toBe("queued");

    const first = startWorker();
    const midway = await waitForJob(t, created.id, (j) => j.rows_read >= 3_000 || j.status !== "queued" && j.status !== "running", { base, everyMs: 50, timeoutMs: 90_000 });
    await first.kill();
    expect(midway.status, first.output()).toBe("running");
    const stopped = await getJob(t, created.id, { base });
    expect(stopped.status).toBe("running");
    expect(stopped.rows_read).toBeLessThan(ROWS);

    // A worker that starts once the dead one's heartbeat is stale takes the job over at once.
    await new Promise((r) => setTimeout(r, (STALE_SECONDS + 1) * 1000));
    const second = startWorker();
    const done = await waitForJob(t, created.id, undefined, { base, timeoutMs: 120_000 });
    expect(done.status, second.output()).toBe("succeeded");
    expect(done).toMatchObject({ total: ROWS, rows_read: ROWS, exported: ROWS });

    const gz = (await download(t, created.id, "traces.jsonl.gz", { base })).bytes;
    const lines = gunzipSync(gz).toString("utf8").split("\n").filter(Boolean);
    const ids = lines.map((l) => (JSON.parse(l) as { span_id: string }).span_id);
    expect(new Set(ids).size).toBe(ROWS);
    // The page route's full cursor walk over the same window, on the same server.
    const walked = await walkSpanIds(t, done, { base });
    expect(ids).toEqual(walked);
  }, 240_000);

  it("runs one job per tenant at a time, though the worker has two slots", async () => {
    const t = own.tenancy;
    const base = own.server.baseUrl;
    if (!workerAlive()) startWorker();
    const [a, b] = [await createJob(t, { lightweight: true }, { base }), await createJob(t, { lightweight: true }, { base })];
    let overlapped = false;
    let done = 0;
    const deadline = Date.now() + 120_000;
    while (done < 2 && Date.now() < deadline) {
      const [ja, jb] = [await getJob(t, a.id, { base }), await getJob(t, b.id, { base })];
      if (ja.status === "running" && jb.status === "running") overlapped = true;
      done = [ja, jb].filter((j) => j.status === "succeeded").length;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(done).toBe(2);
    expect(overlapped).toBe(false);
  }, 150_000);

  it("DELETE of a running job stops it at its next page and removes its partial files", async () => {
    const t = own.tenancy;
    const base = own.server.baseUrl;
    if (!workerAlive()) startWorker();
    const created = await createJob(t, { format: "csv" }, { base });
    const running = await waitForJob(t, created.id, (j) => j.rows_read >= 600 || !["queued", "running"].includes(j.status), { base, everyMs: 50, timeoutMs: 90_000 });
    expect(running.status).toBe("running");
    expect((await callJob(t, `/${created.id}`, "DELETE", { base })).status).toBe(200);
    const partial = path.join(jobDir({ root: own.exportDir }, t.appId, created.id), ".partial");
    const deadline = Date.now() + 20_000;
    while ((await exists(partial)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await exists(partial)).toBe(false);
    const after = await getJob(t, created.id, { base });
    expect(after.status).toBe("cancelled");
    expect(after.rows_read).toBeLessThan(ROWS);
    expect(after.files).toEqual([]);
    expect((await callJob(t, `/${created.id}/files/traces.csv`, "GET", { base })).status).toBe(404);
  }, 120_000);
});
