// Score retention: scores are kept for a number of days (FLYWHEEL_SCORE_RETENTION_DAYS,
// default 90, read by the callers through env()) and then deleted. Spans are never touched here.
import type { Db } from "./db";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionResult {
  deleted: number;
}

/** The instant before which scores are expired: not shown, not filtered on, and deleted by the job. */
export function retentionCutoff(days: number, now = new Date()): Date {
  if (!Number.isInteger(days) || days < 1) throw new Error(`retention days must be a positive integer, got ${days}`);
  return new Date(now.getTime() - days * DAY_MS);
}

export interface RetentionOptions {
  now?: Date;
  /** Limits the run to one app (tests, per-app tooling); the job itself covers every app. */
  appId?: string;
}

/** Deletes every score created before the window; safe to run from several processes at once. */
export async function deleteExpiredScores({ prisma }: Db, days: number, opts: RetentionOptions = {}): Promise<RetentionResult> {
  const { count } = await prisma.score.deleteMany({
    where: { createdAt: { lt: retentionCutoff(days, opts.now) }, ...(opts.appId ? { appId: opts.appId } : {}) },
  });
  return { deleted: count };
}
