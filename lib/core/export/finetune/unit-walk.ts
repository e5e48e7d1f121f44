// unit=trace|session: which examples a page holds (docs/export.md "Whole conversations"). Units are
// ordered, like rows, newest first, by their newest matching span: walking the matching spans in
// export order, a unit comes at its first span. A page walks spans in chunks from its cursor (the
// newest matching span of the previous page's last unit) and keeps the units it meets for the first
// time; a unit that has a matching span at or before the cursor was in an earlier page and is passed.
import { Prisma } from "@prisma/client";
import type { Cursor } from "../../cursor";
import { readRows, type Db } from "../../db";
import type { ExportQuery } from "../../filters";
import { afterCursor, EXPORT_ORDER, tsText, type RowKey } from "../page-keys";
import { filterConditions } from "../where-sql";
import { splitSqlCondition } from "./split-hash";

/** A unit met by the walk: its id and the key of its newest matching span. */
export interface WalkedUnit {
  /** The trace id (unit=trace), the session id, or null for a trace without a session (unit=session). */
  session: string | null;
  key: RowKey;
}

export interface WalkChunk {
  units: WalkedUnit[];
  /** The key of the last span walked, to walk on from; undefined when no span was left. */
  last?: RowKey;
  /** Spans walked (fewer than asked: the matching spans ran out). */
  walked: number;
}

/** `(s.timestamp, s.span_id, s.trace_id) >= cursor`: spans at or before the cursor in export order. */
function atOrBefore(cursor: Cursor): Prisma.Sql {
  return Prisma.sql`(s.timestamp, s.span_id, s.trace_id) >= (${cursor.ts}::timestamptz, ${cursor.spanId}, ${cursor.traceId})`;
}

/** The session of trace `traceExpr`: the smallest session id among its spans (a trace rarely names two). */
const sessionOf = (traceExpr: Prisma.Sql, appId: string) =>
  Prisma.sql`(SELECT min(x.session_id) FROM span x WHERE x.app_id = ${appId} AND x.trace_id = ${traceExpr})`;

/**
 * The units of the next `spans` matching spans after `after`, each at its first span, in export order,
 * leaving out those the page cursor `pageCursor` already passed. One statement: the spans walked are
 * reduced to one row per trace (and per session) inside PostgreSQL.
 */
export async function walkUnits(
  db: Db,
  appId: string,
  q: ExportQuery,
  cutoff: Date,
  after: Cursor | undefined,
  spans: number,
): Promise<WalkChunk> {
  const where = filterConditions(appId, q, cutoff);
  const bySession = q.fineTune.unit === "session";
  const pageCursor = q.cursor;
  // Passed in an earlier page: the unit has a matching span at or before the page's cursor.
  const earlierTrace = pageCursor
    ? Prisma.sql`EXISTS (SELECT 1 FROM span s WHERE ${where} AND s.trace_id = f.trace_id AND ${atOrBefore(pageCursor)})`
    : Prisma.sql`false`;
  const earlierSession = pageCursor
    ? Prisma.sql`EXISTS (SELECT 1 FROM span g WHERE g.app_id = ${appId} AND g.session_id = f.session
        AND EXISTS (SELECT 1 FROM span s WHERE ${where} AND s.trace_id = g.trace_id AND ${atOrBefore(pageCursor)}))`
    : Prisma.sql`false`;
  const { split, validationFraction } = q.fineTune;
  const sessionSide = bySession && split ? Prisma.raw(`AND (f.session IS NULL OR ${splitSqlCondition("f.session", split, validationFraction)})`) : Prisma.empty;
  const keep = bySession
    ? Prisma.sql`CASE WHEN f.session IS NULL THEN NOT ${earlierTrace} ELSE NOT ${earlierSession} END ${sessionSide}`
    : Prisma.sql`NOT ${earlierTrace}`;
  const rows = await readRows<{ ts: string; span_id: string; trace_id: string; session: string | null; n: string | number; tail: boolean }>(db, Prisma.sql`
    WITH w AS MATERIALIZED (
      SELECT x.*, row_number() OVER () AS n FROM (
        SELECT s.timestamp, s.span_id, s.trace_id FROM span s
        WHERE ${where} ${afterCursor(after)} ${EXPORT_ORDER} LIMIT ${spans}) x),
    f AS (
      SELECT t.*, ${bySession ? sessionOf(Prisma.sql`t.trace_id`, appId) : Prisma.sql`t.trace_id`} AS session
      FROM (SELECT DISTINCT ON (w.trace_id) w.* FROM w ORDER BY w.trace_id, w.n) t)
    SELECT ${tsText("f.timestamp")} AS ts, f.span_id, f.trace_id, f.session, f.n, false AS tail FROM f WHERE ${keep}
    UNION ALL
    (SELECT ${tsText("w.timestamp")}, w.span_id, w.trace_id, NULL, w.n, true FROM w ORDER BY w.n DESC LIMIT 1)
    ORDER BY n`);
  const tail = rows.find((r) => r.tail);
  return {
    units: rows.filter((r) => !r.tail).map((r) => ({ session: r.session, key: { ts: r.ts, span_id: r.span_id, trace_id: r.trace_id } })),
    last: tail ? { ts: tail.ts, span_id: tail.span_id, trace_id: tail.trace_id } : undefined,
    walked: tail ? Number(tail.n) : 0,
  };
}

/**
 * Examples matching the filters across all pages, for unit=trace|session: the traces with a matching
 * span (on the split's side), or the sessions of those traces plus the traces without a session
 * (each skipped as no_session).
 */
export async function countUnits(db: Db, appId: string, q: ExportQuery, cutoff: Date): Promise<number> {
  const traces = Prisma.sql`SELECT DISTINCT s.trace_id FROM span s WHERE ${filterConditions(appId, q, cutoff)}`;
  if (q.fineTune.unit === "trace") {
    const [row] = await readRows<{ n: string | number }>(db, Prisma.sql`SELECT count(*) AS n FROM (${traces}) t`);
    return Number(row?.n ?? 0);
  }
  const { split, validationFraction } = q.fineTune;
  const side = split ? Prisma.raw(`WHERE f.session IS NULL OR ${splitSqlCondition("f.session", split, validationFraction)}`) : Prisma.empty;
  const [row] = await readRows<{ n: string | number }>(db, Prisma.sql`
    SELECT count(DISTINCT f.session) + count(*) FILTER (WHERE f.session IS NULL) AS n
    FROM (SELECT t.trace_id, ${sessionOf(Prisma.sql`t.trace_id`, appId)} AS session FROM (${traces}) t) f ${side}`);
  return Number(row?.n ?? 0);
}
