// A row's scores (docs/data-model.md "Scores on a row"): the span's own scores plus the trace-level
// scores (span_id null) of its trace, newest per name (ties broken by id), none older than the
// retention cutoff.
//
// Each span row carries them denormalised (`span.scores`, kept current by triggers on `score` and on
// span insert; migration 20261125120000_span_scores), with `scores_oldest_at`, the oldest created_at
// among them. While that lies inside the retention window the column is exact and costs nothing to read
// — no lookup per row, and a count can be an index-only scan (span_app_scored_idx, span_app_model_idx). Once a contributing
// score has expired (before the hourly job deletes it and the triggers refresh the row) the row falls
// back to the exact lookup below.
import { Prisma } from "@prisma/client";

/**
 * The exact scores of span `s` (jsonb name → value, `{}` when none), read from `score` by the database
 * function flywheel_exact_scores — one index range scan on score_app_trace_idx (app_id, trace_id, …).
 * A function call, not a correlated subquery, keeps the reader's query parallel-safe.
 */
function exactScores(cutoff: Date): Prisma.Sql {
  return Prisma.sql`flywheel_exact_scores(s.app_id, s.trace_id, s.span_id, ${cutoff}::timestamptz)`;
}

/** Span `s`'s current scores as jsonb: the stored column while it is exact, else the lookup. */
export function rowScores(cutoff: Date): Prisma.Sql {
  // CASE calls the function only for the rows that take its branch.
  return Prisma.sql`(CASE WHEN s.scores_oldest_at IS NULL OR s.scores_oldest_at > ${cutoff}::timestamptz
    THEN s.scores ELSE ${exactScores(cutoff)} END)`;
}

/** `LEFT JOIN LATERAL (…) sc ON true`, exposing `sc.scores` (jsonb name → value, `{}` when none). For output only. */
export function scoresLateral(cutoff: Date): Prisma.Sql {
  return Prisma.sql`LEFT JOIN LATERAL (SELECT ${rowScores(cutoff)} AS scores) sc ON true`;
}

/** A score bound as a jsonb number, compared with the stored jsonb values. */
export function jsonNumber(value: number): Prisma.Sql {
  // JSON.stringify writes the shortest text that reads back as the same double, as PostgreSQL does when
  // it stores a float8 score in jsonb, so numeric comparison of the two orders them as the doubles would.
  return Prisma.sql`${JSON.stringify(value)}::jsonb`;
}

/**
 * The row's current value of one named score as a jsonb number, or NULL: compared with jsonNumber()
 * rather than cast to float8, which (numeric → text → float8) cost a third of a filtered count.
 */
export function scoreJson(name: string, cutoff: Date): Prisma.Sql {
  return Prisma.sql`(${rowScores(cutoff)} -> ${name}::text)`;
}

/** True when at least one of the row's current scores (newest per name) lies within the bounds. */
export function anyScoreWithin(bounds: { min?: number; max?: number }, cutoff: Date): Prisma.Sql {
  const checks: Prisma.Sql[] = [];
  if (bounds.min !== undefined) checks.push(Prisma.sql`latest.value >= ${jsonNumber(bounds.min)}`);
  if (bounds.max !== undefined) checks.push(Prisma.sql`latest.value <= ${jsonNumber(bounds.max)}`);
  return Prisma.sql`EXISTS (SELECT 1 FROM jsonb_each(${rowScores(cutoff)}) latest WHERE ${Prisma.join(checks, " AND ")})`;
}
