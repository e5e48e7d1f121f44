// A row's scores (docs/data-model.md "Scores on a row"): the span's own scores plus the trace-level
// scores (span_id null) of its trace, newest per name (ties broken by id), none older than the
// retention cutoff. Every lookup here is correlated on (app_id, trace_id[, name]) — a prefix of
// score_app_trace_idx (app_id, trace_id, name, created_at DESC) — so each costs one index range scan.
import { Prisma } from "@prisma/client";

/** The cutoff below which scores are treated as deleted, computed once per request. */
export function scoreCutoff(retentionDays: number, now = new Date()): Date {
  return new Date(now.getTime() - retentionDays * 86_400_000);
}

/** The scores that apply to span `s`: its own and its trace's, within retention. */
const applicable = (cutoff: Date) => Prisma.sql`x.app_id = s.app_id
        AND x.trace_id = s.trace_id
        AND (x.span_id = s.span_id OR x.span_id IS NULL)
        AND x.created_at > ${cutoff}::timestamptz`;

/** `LEFT JOIN LATERAL (…) sc ON true`, exposing `sc.scores` (jsonb name → value, `{}` when none). For output only. */
export function scoresLateral(cutoff: Date): Prisma.Sql {
  return Prisma.sql`LEFT JOIN LATERAL (
    SELECT coalesce(jsonb_object_agg(latest.name, latest.value), '{}'::jsonb) AS scores
    FROM (
      SELECT DISTINCT ON (x.name) x.name, x.value
      FROM score x
      WHERE ${applicable(cutoff)}
      ORDER BY x.name, x.created_at DESC, x.id DESC
    ) latest
  ) sc ON true`;
}

/**
 * The row's current value of one named score, or NULL: a scalar subquery, cheaper per row than
 * building the whole scores object when a filter needs only one name.
 */
export function latestScore(name: string, cutoff: Date): Prisma.Sql {
  return Prisma.sql`(SELECT x.value FROM score x
      WHERE ${applicable(cutoff)} AND x.name = ${name}
      ORDER BY x.created_at DESC, x.id DESC LIMIT 1)`;
}

/** True when at least one of the row's current scores (newest per name) lies within the bounds. */
export function anyScoreWithin(bounds: { min?: number; max?: number }, cutoff: Date): Prisma.Sql {
  const checks: Prisma.Sql[] = [];
  if (bounds.min !== undefined) checks.push(Prisma.sql`latest.value >= ${bounds.min}::float8`);
  if (bounds.max !== undefined) checks.push(Prisma.sql`latest.value <= ${bounds.max}::float8`);
  return Prisma.sql`EXISTS (SELECT 1 FROM (
      SELECT DISTINCT ON (x.name) x.value FROM score x
      WHERE ${applicable(cutoff)}
      ORDER BY x.name, x.created_at DESC, x.id DESC
    ) latest WHERE ${Prisma.join(checks, " AND ")})`;
}
