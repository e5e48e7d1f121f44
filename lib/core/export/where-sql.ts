// The export filters (lib/core/filters.ts) as one parameterised WHERE clause over `span s`. Every value
// travels as a bind parameter; only operators chosen from a fixed map are spliced in as SQL text.
import { Prisma } from "@prisma/client";
import type { ExportQuery, ScoreOp } from "../filters";
import { anyScoreWithin, jsonNumber, scoreJson } from "./scores-sql";
import { splitSqlCondition } from "./finetune/split-hash";

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

/** Conditions on the span's own columns, app scoping first. */
function spanConditions(appId: string, q: ExportQuery): Prisma.Sql[] {
  const c: Prisma.Sql[] = [
    Prisma.sql`s.app_id = ${appId}`,
    // Both ends inclusive, to the microsecond when the bound was given that finely.
    Prisma.sql`s.timestamp >= ${q.startDateExact ?? q.startDate}::timestamptz`,
    Prisma.sql`s.timestamp <= ${q.endDateExact ?? q.endDate}::timestamptz`,
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

/** Conditions on the row's scores. A row without a score of the name fails every condition on it, != too (NULL). */
function scoreConditions(q: ExportQuery, cutoff: Date): Prisma.Sql[] {
  const c = q.scores.map((s) => Prisma.sql`${scoreJson(s.name, cutoff)} ${SQL_OPS[s.op]} ${jsonNumber(s.value)}`);
  // Both bounds given: one and the same score must lie within them (docs/data-model.md).
  if (q.minScore !== undefined || q.maxScore !== undefined) c.push(anyScoreWithin({ min: q.minScore, max: q.maxScore }, cutoff));
  // Every score condition needs the row to have a score, and a span without any has scores_oldest_at
  // null: saying so lets PostgreSQL read span_app_scored_idx, which holds only scored spans.
  if (c.length) c.unshift(Prisma.sql`s.scores_oldest_at IS NOT NULL`);
  return c;
}

/**
 * split=train|validation keeps one side of the split, by the hash of the row's trace id (the session's
 * id for unit=session, which the unit walk applies itself: a session is known per trace, not per span).
 */
function splitConditions(q: ExportQuery): Prisma.Sql[] {
  const { split, unit, validationFraction } = q.fineTune;
  if (!split || unit === "session") return [];
  return [Prisma.raw(splitSqlCondition("s.trace_id", split, validationFraction))];
}

/** `s.app_id = … AND …`: the filters of `q` over `span s`, ignoring its cursor. */
export function filterConditions(appId: string, q: ExportQuery, cutoff: Date): Prisma.Sql {
  return Prisma.join([...spanConditions(appId, q), ...splitConditions(q), ...scoreConditions(q, cutoff)], " AND ");
}

/** `FROM span s WHERE …` for the filters of `q`, ignoring its cursor. */
export function filteredSpans(appId: string, q: ExportQuery, cutoff: Date): Prisma.Sql {
  return Prisma.sql`FROM span s WHERE ${filterConditions(appId, q, cutoff)}`;
}
