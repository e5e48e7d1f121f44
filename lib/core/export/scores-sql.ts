// The row's scores as one jsonb object (docs/data-model.md "Scores on a row"): the span's own scores
// plus the trace-level scores (span_id null) of its trace, newest per name, none older than the
// retention cutoff. One LATERAL subquery per row; its WHERE clause is the prefix of
// score_app_trace_idx (app_id, trace_id, name, created_at DESC), so each row costs one index range.
import { Prisma } from "@prisma/client";

/** The cutoff below which scores are treated as deleted, computed once per request. */
export function scoreCutoff(retentionDays: number, now = new Date()): Date {
  return new Date(now.getTime() - retentionDays * 86_400_000);
}

/** `LEFT JOIN LATERAL (…) sc ON true`, exposing `sc.scores` (jsonb, `{}` when the row has none). */
export function scoresLateral(cutoff: Date): Prisma.Sql {
  return Prisma.sql`LEFT JOIN LATERAL (
    SELECT coalesce(jsonb_object_agg(latest.name, latest.value), '{}'::jsonb) AS scores
    FROM (
      SELECT DISTINCT ON (x.name) x.name, x.value
      FROM score x
      WHERE x.app_id = s.app_id
        AND x.trace_id = s.trace_id
        AND (x.span_id = s.span_id OR x.span_id IS NULL)
        AND x.created_at > ${cutoff}::timestamptz
      ORDER BY x.name, x.created_at DESC, x.id DESC
    ) latest
  ) sc ON true`;
}
