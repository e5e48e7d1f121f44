// P6: bulk export jobs (docs/bulk-exports.md) over every row of the bench's app, against PostgreSQL's
// own `COPY (the same SELECT) TO STDOUT` written into a file, measured in the same run. The job's wall
// time is its own (started_at → finished_at, so the queue's pick-up delay is not counted); the server's
// RSS is sampled while it runs (the job runs inline, in the server process).
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { jobBody } from "../lib/core/export-jobs/job-body";
import type { Db } from "../lib/core/db";
import { pageCopySql } from "../lib/core/export/row-lines";
import { retentionCutoff } from "../lib/core/retention";
import { treeRss } from "./measure";

export interface BulkFigures {
  format: string;
  rows: number;
  jobMs: number;
  copyMs: number;
  bytes: number;
  /** Most the server's RSS grew over its level before the job. */
  rssGrowth: number;
}

/** COPY of the SELECT into a file: the floor a bulk jsonl job is measured against. */
async function copyIntoFile(client: pg.Client, sql: string, file: string): Promise<number> {
  const started = performance.now();
  await pipeline(client.query(copyTo(sql)), createWriteStream(file));
  return performance.now() - started;
}

interface JobAnswer {
  id: string;
  status: string;
  exported: number;
  bytes: number;
  error: unknown;
}

async function runJob(baseUrl: string, auth: Record<string, string>, body: object, serverPid: number): Promise<{ job: JobAnswer; rssGrowth: number }> {
  const before = treeRss(serverPid);
  let peak = before;
  const res = await fetch(`${baseUrl}/v1/exports`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.status !== 202) throw new Error(`POST /v1/exports answered ${res.status}: ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    peak = Math.max(peak, treeRss(serverPid));
    const job = (await (await fetch(`${baseUrl}/v1/exports/${id}`, { headers: auth })).json()) as JobAnswer;
    if (!["queued", "running"].includes(job.status)) {
      if (job.status !== "succeeded") throw new Error(`bulk job ${id} ${job.status}: ${JSON.stringify(job.error)}`);
      return { job, rssGrowth: peak - before };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The job's own wall time, from its row. */
async function jobMs(db: Db, id: string): Promise<number> {
  const [row] = await db.query<{ ms: number }>(`SELECT extract(epoch FROM finished_at - started_at) * 1000 AS ms FROM export_job WHERE id = $1`, [id]);
  return Number(row.ms);
}

export async function benchBulk(opts: {
  db: Db;
  databaseUrl: string;
  sessionOptions: string;
  baseUrl: string;
  serverPid: number;
  appId: string;
  auth: Record<string, string>;
  retentionDays: number;
}): Promise<BulkFigures[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "fw-bench-bulk-"));
  const client = new pg.Client({ connectionString: opts.databaseUrl, options: opts.sessionOptions });
  await client.connect();
  // One COPY of every row of the app: at 5M rows it outlasts the sessions' request-sized statement_timeout.
  await client.query("SET statement_timeout = 0");
  try {
    const out: BulkFigures[] = [];
    const window = { startDate: "2000-01-01T00:00:00Z" };
    for (const format of ["jsonl", "parquet"] as const) {
      const { job, rssGrowth } = await runJob(opts.baseUrl, opts.auth, { ...window, format }, opts.serverPid);
      // The same SELECT the job's pages run, as one COPY of every row, right after the job.
      const [row] = await opts.db.query<{ request: Record<string, unknown>; created_at: Date }>(`SELECT request, created_at FROM export_job WHERE id = $1`, [job.id]);
      const q = { ...jobBody(row).query, limit: job.exported };
      const sql = pageCopySql(opts.appId, q, retentionCutoff(opts.retentionDays, new Date(row.created_at)));
      const copyFile = path.join(dir, "copy.jsonl");
      const copyMs = await copyIntoFile(client, sql, copyFile);
      await stat(copyFile);
      await rm(copyFile);
      out.push({ format, rows: job.exported, jobMs: await jobMs(opts.db, job.id), copyMs, bytes: job.bytes, rssGrowth });
      await fetch(`${opts.baseUrl}/v1/exports/${job.id}`, { method: "DELETE", headers: opts.auth });
    }
    return out;
  } finally {
    await client.end();
    await rm(dir, { recursive: true, force: true });
  }
}
