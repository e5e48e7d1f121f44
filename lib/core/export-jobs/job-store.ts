// The export_job row and its state machine (STYLE.md 13): queued → running → succeeded | failed |
// cancelled. Every transition is one guarded UPDATE — it names the state it expects (and, for a
// running job, the worker that holds it), so a transition that lost a race changes nothing and says so.
// Progress and the resume point are written in the same statement (checkpoint). Every read a caller
// can reach is scoped by tenant and app: another tenant's job id is simply not found.
import { notFound } from "../errors";
import type { Db } from "../db";
import type { ExportJob, JobFile, JobFormat, JobStatus } from "./contract";
import type { Checkpoint, JobFigures } from "./checkpoint";

/** How often a running job proves it is alive, and when a silent one counts as dead (its worker killed). */
export const HEARTBEAT_MS = 3_000;
export const STALE_SECONDS = 15;

export interface JobRow {
  id: string;
  tenant_id: string;
  app_id: string;
  status: JobStatus;
  format: JobFormat;
  request: Record<string, unknown>;
  params: Record<string, unknown>;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  total: string | number | null;
  rows_read: string | number;
  exported: string | number;
  skipped: string | number;
  skip_reasons: Record<string, number>;
  tokens: string | number | null;
  redactions: Record<string, number> | null;
  bytes: string | number;
  files: JobFile[];
  error: { code: string; detail: string } | null;
  checkpoint: Checkpoint | null;
  worker: string | null;
  files_deleted_at: Date | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const num = (v: string | number | null) => (v === null ? null : Number(v));

/** The job as every route answers it (exportJobSchema). */
export function jobJson(r: JobRow): ExportJob {
  const job: ExportJob = {
    id: r.id,
    app_id: r.app_id,
    status: r.status,
    format: r.format,
    params: r.params,
    created_at: iso(r.created_at)!,
    started_at: iso(r.started_at),
    finished_at: iso(r.finished_at),
    total: num(r.total),
    rows_read: Number(r.rows_read),
    exported: Number(r.exported),
    skipped: Number(r.skipped),
    skip_reasons: r.skip_reasons ?? {},
    bytes: Number(r.bytes),
    files: r.files ?? [],
    files_deleted_at: iso(r.files_deleted_at),
    error: r.error,
  };
  if (r.tokens !== null) job.tokens = Number(r.tokens);
  if (r.redactions !== null) job.redactions = r.redactions;
  return job;
}

export interface NewJob {
  id: string;
  tenantId: string;
  appId: string;
  format: JobFormat;
  request: Record<string, unknown>;
  params: Record<string, unknown>;
  createdAt: Date;
  /** openai: tokens start at 0; redact: redactions start empty (so they show from the first answer). */
  tokens: number | null;
  redactions: Record<string, number> | null;
}

export async function insertJob(db: Db, j: NewJob): Promise<JobRow> {
  const [row] = await db.query<JobRow>(
    `INSERT INTO export_job (id, tenant_id, app_id, format, request, params, created_at, tokens, redactions)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [j.id, j.tenantId, j.appId, j.format, JSON.stringify(j.request), JSON.stringify(j.params), j.createdAt, j.tokens, j.redactions && JSON.stringify(j.redactions)],
  );
  return row;
}

/** The app's job, or a 404 (also for another tenant's or another app's id). */
export async function findJob(db: Db, tenantId: string, appId: string, id: string): Promise<JobRow> {
  const [row] = await db.query<JobRow>(`SELECT * FROM export_job WHERE id = $1 AND tenant_id = $2 AND app_id = $3`, [id, tenantId, appId]);
  if (!row) throw notFound(`No export job ${id} in this app`);
  return row;
}

/** The app's jobs, newest first (the most recent `limit`). */
export async function listJobs(db: Db, tenantId: string, appId: string, limit = 100): Promise<JobRow[]> {
  return db.query<JobRow>(
    `SELECT * FROM export_job WHERE tenant_id = $1 AND app_id = $2 ORDER BY created_at DESC, id DESC LIMIT $3`,
    [tenantId, appId, limit],
  );
}

/** A job by id alone: for the worker, which got the id from the queue. */
export async function loadJob(db: Db, id: string): Promise<JobRow | undefined> {
  const [row] = await db.query<JobRow>(`SELECT * FROM export_job WHERE id = $1`, [id]);
  return row;
}

export type ClaimResult = "claimed" | "busy" | "taken" | "gone";

/** queued (or running with a stale heartbeat) → running, held by `worker`; see flywheel_claim_export_job. */
export async function claimJob(db: Db, id: string, worker: string): Promise<ClaimResult> {
  const [row] = await db.query<{ r: ClaimResult }>(`SELECT flywheel_claim_export_job($1, $2, $3) AS r`, [id, worker, STALE_SECONDS]);
  return row.r;
}

/** Proves the job's worker is alive; false when the job is no longer this worker's running job. */
export async function heartbeat(db: Db, id: string, worker: string): Promise<boolean> {
  const n = await db.execute(`UPDATE export_job SET heartbeat_at = now() WHERE id = $1 AND worker = $2 AND status = 'running'`, [id, worker]);
  return n === 1;
}

const FIGURE_COLUMNS = `rows_read = $3, exported = $4, skipped = $5, skip_reasons = $6, tokens = $7, redactions = $8, bytes = $9`;
function figureValues(f: JobFigures): unknown[] {
  return [f.rowsRead, f.exported, f.skipped, JSON.stringify(f.skipReasons), f.tokens ?? null, f.redactions ? JSON.stringify(f.redactions) : null, f.bytes];
}

/**
 * Progress and the resume point, in one statement, once the files hold what they describe. False
 * when the job stopped being this worker's running job (cancelled, or taken over after a stall).
 */
export async function saveCheckpoint(db: Db, id: string, worker: string, figures: JobFigures, cp: Checkpoint, seen: string[] = []): Promise<boolean> {
  // dedupe=true: the keys of the examples this checkpoint covers, saved in the same statement
  // (job-dedupe.ts), so what the job remembers never runs ahead of what its files hold.
  const saveSeen = seen.length
    ? `WITH seen AS (INSERT INTO export_job_seen (job_id, key) SELECT $1, unnest($11::text[]) ON CONFLICT DO NOTHING) `
    : "";
  const n = await db.execute(
    `${saveSeen}UPDATE export_job SET ${FIGURE_COLUMNS}, checkpoint = $10, heartbeat_at = now()
     WHERE id = $1 AND worker = $2 AND status = 'running'`,
    [id, worker, ...figureValues(figures), JSON.stringify(cp), ...(seen.length ? [seen] : [])],
  );
  return n === 1;
}

export async function setTotal(db: Db, id: string, worker: string, total: number): Promise<void> {
  await db.execute(`UPDATE export_job SET total = $3 WHERE id = $1 AND worker = $2 AND status = 'running'`, [id, worker, total]);
}

/** running → succeeded with its files; false when the job was cancelled meanwhile. */
export async function succeedJob(db: Db, id: string, worker: string, figures: JobFigures, files: JobFile[], finishedAt: Date): Promise<boolean> {
  const n = await db.execute(
    `UPDATE export_job SET ${FIGURE_COLUMNS}, status = 'succeeded', files = $10, finished_at = $11, checkpoint = NULL
     WHERE id = $1 AND worker = $2 AND status = 'running'`,
    [id, worker, ...figureValues(figures), JSON.stringify(files), finishedAt],
  );
  return n === 1;
}

/** running → failed with a reason (only the worker holding it may fail it). */
export async function failJob(db: Db, id: string, worker: string, error: { code: string; detail: string }): Promise<void> {
  await db.execute(
    `UPDATE export_job SET status = 'failed', error = $3, finished_at = now(), checkpoint = NULL
     WHERE id = $1 AND worker = $2 AND status = 'running'`,
    [id, worker, JSON.stringify(error)],
  );
}

/** queued | running → cancelled. A running job notices at its next checkpoint and removes its partial files. */
export async function cancelJob(db: Db, id: string): Promise<boolean> {
  const n = await db.execute(
    `UPDATE export_job SET status = 'cancelled', finished_at = now() WHERE id = $1 AND status IN ('queued', 'running')`,
    [id],
  );
  return n === 1;
}

/** Marks a finished job's files as deleted (they were, or are about to be, removed from storage). */
export async function markFilesDeleted(db: Db, id: string): Promise<void> {
  await db.execute(`UPDATE export_job SET files_deleted_at = coalesce(files_deleted_at, now()) WHERE id = $1`, [id]);
}

/** Jobs a worker starting up should (re-)enqueue: queued ones, and running ones whose worker went silent. */
export async function jobsToResume(db: Db): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM export_job WHERE status = 'queued'
        OR (status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => $1)))
     ORDER BY created_at`,
    [STALE_SECONDS],
  );
  return rows.map((r) => r.id);
}

/** Finished jobs whose files are older than `days` and still on storage. */
export async function expiredJobs(db: Db, days: number): Promise<JobRow[]> {
  return db.query<JobRow>(
    `SELECT * FROM export_job WHERE status IN ('succeeded', 'failed', 'cancelled') AND files_deleted_at IS NULL
       AND finished_at < now() - make_interval(days => $1) ORDER BY finished_at LIMIT 1000`,
    [days],
  );
}
