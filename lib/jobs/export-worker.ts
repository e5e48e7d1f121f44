// The bulk export queue and its workers (docs/bulk-exports.md "Where jobs run"). pg-boss, a maintained
// PostgreSQL-backed queue, wakes workers and keeps the messages; the export_job row stays the one truth
// (state, progress, resume point: lib/core/export-jobs/job-store.ts). pg-boss reaches the database
// through the Database's executeSql, so the same library runs on PostgreSQL (the pool) and on the
// embedded PGlite (its one in-process client). Runs inside the server (FLYWHEEL_WORKER=inline, started by
// instrumentation-node.ts) or in `npm run worker` processes.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import path from "node:path";
import PgBoss from "pg-boss";
import { expireJobFiles } from "../core/export-jobs/expire-files";
import { jobsToResume } from "../core/export-jobs/job-store";
import { runJob, type JobRuntime } from "../core/export-jobs/run-job";
import type { JobStorage } from "../core/export-jobs/storage";
import type { Database } from "../db/client";
import type { Env } from "../env";
import { s3Store } from "./s3-store";

export const EXPORT_QUEUE = "flywheel-export";
const MAINTENANCE_QUEUE = "flywheel-export-maintenance";
/** How long a tenant whose other job is running waits before its next job asks again. */
const BUSY_RETRY_SECONDS = 3;

export interface ExportQueue {
  boss: PgBoss;
  /** Wakes a worker for this job (a no-op when a message for it is already waiting). */
  enqueue(jobId: string, startAfterSeconds?: number): Promise<void>;
}

interface JobMessage {
  jobId: string;
}

function log(line: Record<string, unknown>) {
  const text = JSON.stringify(line);
  if (line.level === "error") console.error(text);
  else console.log(text);
}

/** Where jobs write: FLYWHEEL_EXPORT_DIR (relative to the working directory) and the bucket, if any. */
export function jobStorage(env: Env): JobStorage {
  return { root: path.resolve(env.FLYWHEEL_EXPORT_DIR), s3: s3Store(env) };
}

/**
 * Opens the queue: pg-boss creates or upgrades its own schema (`pgboss`) on first start. The export
 * queue has the `short` policy with the job id as singleton key: at most one *waiting* message per
 * job, however many times it is enqueued (a re-send at each maintenance pass costs nothing), and no
 * limit on active ones — a killed worker's message stays active until pg-boss expires it, which must
 * not stop the job's resumption (the `stately` policy would).
 */
export async function openExportQueue(db: Database, opts: { supervise: boolean }): Promise<ExportQueue> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => db.executeSql(text, values) },
    schema: "pgboss",
    supervise: opts.supervise,
    schedule: opts.supervise,
  });
  boss.on("error", (err) => log({ level: "error", event: "export_queue_error", error: String(err?.message ?? err) }));
  await boss.start();
  for (const name of [EXPORT_QUEUE, MAINTENANCE_QUEUE]) {
    if (!(await boss.getQueue(name))) {
      // retryLimit 0: a job that fails is failed for good; one whose worker died is resumed from the
      // export_job row (jobsToResume), not from pg-boss's expiry, which would take hours.
      await boss.createQueue(name, { name, policy: name === EXPORT_QUEUE ? "short" : "standard", retryLimit: 0, expireInSeconds: 23 * 3600 }).catch(async (err) => {
        if (!(await boss.getQueue(name))) throw err; // lost a race with another process creating it: fine
      });
    }
  }
  return {
    boss,
    async enqueue(jobId, startAfterSeconds) {
      await boss.send(EXPORT_QUEUE, { jobId } satisfies JobMessage, { singletonKey: jobId, ...(startAfterSeconds ? { startAfter: startAfterSeconds } : {}) });
    },
  };
}

/** Re-enqueues the jobs that need a worker: queued ones, and running ones whose worker went silent. */
async function resumeJobs(db: Database, queue: ExportQueue): Promise<void> {
  for (const id of await jobsToResume(db)) await queue.enqueue(id);
}

/**
 * Starts FLYWHEEL_EXPORT_JOB_CONCURRENCY workers in this process, resumes what a dead worker left,
 * and schedules the maintenance pass (resume stalled jobs, delete expired files) every minute.
 */
export async function startExportWorkers(db: Database, queue: ExportQueue, env: Env): Promise<{ stop(): Promise<void> }> {
  const worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const runtime: JobRuntime = { storage: jobStorage(env), retentionDays: env.FLYWHEEL_SCORE_RETENTION_DAYS, pageRows: env.FLYWHEEL_EXPORT_PAGE_ROWS, s3PartBytes: env.FLYWHEEL_EXPORT_S3_PART_BYTES, log };
  const { boss } = queue;
  // One pg-boss worker per slot: each takes one message at a time, so a process runs at most
  // FLYWHEEL_EXPORT_JOB_CONCURRENCY jobs.
  for (let i = 0; i < env.FLYWHEEL_EXPORT_JOB_CONCURRENCY; i++) {
    await boss.work<JobMessage>(EXPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([message]) => {
      const result = await runJob(db, message.data.jobId, worker, runtime);
      // The tenant already has a job running: ask again shortly (the row stays queued).
      if (result === "busy") await queue.enqueue(message.data.jobId, BUSY_RETRY_SECONDS);
    });
  }
  await boss.work(MAINTENANCE_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
    await resumeJobs(db, queue);
    const expired = await expireJobFiles(db, runtime.storage, env.FLYWHEEL_EXPORT_FILE_DAYS);
    if (expired) log({ event: "export_files_expired", jobs: expired });
  });
  await boss.schedule(MAINTENANCE_QUEUE, "* * * * *");
  // At start: a worker killed mid-job is picked up now, not at the next maintenance pass.
  await boss.send(MAINTENANCE_QUEUE, {});
  await resumeJobs(db, queue);
  log({ event: "export_workers_started", worker, concurrency: env.FLYWHEEL_EXPORT_JOB_CONCURRENCY });
  return {
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
