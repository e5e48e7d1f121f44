// The filters of SPEC §3 as one parameterised WHERE clause over `span s` (and `sc.scores` when a
// score condition needs it). Every value travels as a bind parameter; only operators chosen from a
// fixed map are spliced in as SQL text.
import { Prisma } from "@prisma/client";
import type { ExportQuery, ScoreOp } from "../filters";
import { scoresLateral } from "./scores-sql";

const SQL_OPS: Record<ScoreOp, Prisma.Sql> = {
  ">=": Prisma.raw(">="),
  ">": Prisma.raw(">"),
  "<=": Prisma.raw("<="),
  "<": Prisma.raw("<"),
  "=": Prisma.raw("="),
  "!=": Prisma.raw("<>"),
};

/** Escapes LIKE wildcards so `name=50%_off` matches those characters literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export function needsScores(q: ExportQuery): boolean {
  return q.scores.length > 0 || q.minScore !== undefined || q.maxScore !== undefined;
}

/** Conditions on the span's own columns, app scoping first. */
function spanConditions(appId: string, q: ExportQuery): Prisma.Sql[] {
  const c: Prisma.Sql[] = [
    Prisma.sql`s.app_id = ${appId}`,
    Prisma.sql`s.timestamp >= ${q.startDate}::timestamptz`,
    Prisma.sql`s.timestamp <= ${q.endDate}::timestamptz`,
  ];
  if (q.type !== "all") c.push(Prisma.sql`s.type = ${q.type}`);
  if (q.model !== undefined) c.push(Prisma.sql`s.model = ${q.model}`);
  if (q.status !== undefined) c.push(Prisma.sql`s.status = ${q.status}`);
  if (q.name !== undefined) c.push(Prisma.sql`s.span_name ILIKE ${"%" + escapeLike(q.name) + "%"}`);
  if (q.userId !== undefined) c.push(Prisma.sql`s.user_id = ${q.userId}`);
  if (q.tag !== undefined) c.push(Prisma.sql`s.tags @> ARRAY[${q.tag}]::text[]`);
  if (q.metadata) {
    c.push(Prisma.sql`s.metadata @> ${JSON.stringify({ [q.metadata.key]: q.metadata.value })}::jsonb`);
  }
  return c;
}

/** Conditions on `sc.scores`. A row without a score of the name fails every condition on it, != too. */
function scoreConditions(q: ExportQuery): Prisma.Sql[] {
  const c = q.scores.map(
    (s) => Prisma.sql`(sc.scores ->> ${s.name})::float8 ${SQL_OPS[s.op]} ${s.value}::float8`,
  );
  if (q.minScore !== undefined || q.maxScore !== undefined) {
    // Both bounds given: one and the same score must lie within them (docs/data-model.md).
    const bounds: Prisma.Sql[] = [];
    if (q.minScore !== undefined) bounds.push(Prisma.sql`e.value::float8 >= ${q.minScore}::float8`);
    if (q.maxScore !== undefined) bounds.push(Prisma.sql`e.value::float8 <= ${q.maxScore}::float8`);
    c.push(Prisma.sql`EXISTS (SELECT 1 FROM jsonb_each_text(sc.scores) e WHERE ${Prisma.join(bounds, " AND ")})`);
  }
  return c;
}

/**
 * `FROM span s [LEFT JOIN LATERAL scores] WHERE …` for the filters of `q`, ignoring its cursor.
 * The scores subquery is joined only when a score condition needs it.
 */
export function filteredSpans(appId: string, q: ExportQuery, cutoff: Date): Prisma.Sql {
  const join = needsScores(q) ? scoresLateral(cutoff) : Prisma.empty;
  const conditions = [...spanConditions(appId, q), ...scoreConditions(q)];
  return Prisma.sql`FROM span s ${join} WHERE ${Prisma.join(conditions, " AND ")}`;
}
