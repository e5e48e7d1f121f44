// A worker killed mid-job (SIGKILL: no cleanup, no goodbye) leaves its job `running`; once its
// heartbeat is stale, the next `npm run worker` resumes it from the last checkpoint and the file holds
// every row exactly once, in order — equal to a full cursor walk of the page route. The server runs
// with FLYWHEEL_WORKER=off, so only the worker processes started here run jobs.
import { spawn, type ChildProcess } from "node:child_process";
import { access } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../harness";
import { callExport, parseNdjson } from "../export/http";
import { STALE_SECONDS } from "../../lib/core/export-jobs/job-store";
import { jobDir } from "../../lib/core/export-jobs/storage";
import { callJob, createJob, download, getJob, waitForJob } from "./jobs-http";
import { ownSetup, seedSpans, type OwnSetup } from "./own-database";

const ROWS = 30_000;

const exists = (p: string) => access(p).then(() => true, () => false);

let own: OwnSetup;
const workers: ChildProcess[] = [];

/** `npm run worker` (tsx scripts/worker.ts) against the test's database, writing 300 rows per checkpoint. */
function startWorker(): { child: ChildProcess; output: () => string } {
  let out = "";
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a child process, which a SIGKILL
  // of the CLI would leave running.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: own.database.url, FLYWHEEL_EXPORT_DIR: own.exportDir, FLYWHEEL_EXPORT_PAGE_ROWS: "300", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  workers.push(child);
  return { child, output: () => out };
}

beforeAll(async () => {
  own = await ownSetup("resume", { FLYWHEEL_WORKER: "off" });
  await seedSpans(own.db, own.tenancy.appId, ROWS);
}, 240_000);

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
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
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
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
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await callExport(t, { limit: 2000, startDate: done.params.startDate as string, endDate: done.params.endDate as string, cursor }, { base });
      const page = parseNdjson(await res.text());
      walked.push(...page.lines.map((l) => l.span_id as string));
      cursor = page.meta.next_cursor ?? undefined;
    } while (cursor);
    expect(ids).toEqual(walked);
  }, 240_000);

  it("DELETE of a running job stops it at its next page and removes its partial files", async () => {
    const t = own.tenancy;
    const base = own.server.baseUrl;
    if (!workers.some((w) => w.exitCode === null)) startWorker();
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
