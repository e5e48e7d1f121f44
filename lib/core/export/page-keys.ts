// Sort keys, cursors and counts. A page's rows are ordered (timestamp, span_id, trace_id) DESC; a
// cursor is the key of the last row consumed. Fetching limit+1 keys tells whether more rows remain,
// so `next_cursor` is null exactly when none do.
import { Prisma } from "@prisma/client";
import type { ExportQuery } from "../filters";
import { encodeCursor, type Cursor } from "../cursor";
import { readRows, type Db } from "../db";
import { countFromScoreHours } from "./score-hours";
import { countFromSpanHours } from "./span-hours";
import { filteredSpans } from "./where-sql";

/** A row's sort key: its timestamp as text with microseconds, span id and trace id. */
export interface RowKey {
  ts: string;
  span_id: string;
  trace_id: string;
}

/** A row's sort key and id (the bigint primary key, as text). */
export interface PageKey extends RowKey {
  id: string;
}

export interface PageKeys {
  /** This page's rows, in export order. */
  keys: PageKey[];
  nextCursor: string | null;
}

/** The position right after this row, as a query's `after`. */
export const keyCursor = (k: RowKey): Cursor => ({ ts: k.ts, spanId: k.span_id, traceId: k.trace_id });

/** The cursor that resumes right after this row. */
export const cursorAfter = (k: RowKey) => encodeCursor(keyCursor(k));

/**
 * A page from rows read with one more than `limit`: the extra row only tells that more follow, so
 * `nextCursor` is null exactly when none do.
 */
export function pageOf<T extends RowKey>(rows: T[], limit: number): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? cursorAfter(last) : null };
}

/** The timestamp as text with microseconds, so a cursor never loses precision to a JS Date. */
export const tsText = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
/** tsText of span `s`. */
export const TS_TEXT = tsText("s.timestamp");
export const EXPORT_ORDER = Prisma.sql`ORDER BY s.timestamp DESC, s.span_id DESC, s.trace_id DESC`;

/** `AND (timestamp, span_id, trace_id) < cursor`, or nothing without a cursor. */
export function afterCursor(cursor: Cursor | undefined): Prisma.Sql {
  if (!cursor) return Prisma.empty;
  // A row-value comparison matches the (timestamp, span_id, trace_id) DESC order and span_app_order_idx.
  return Prisma.sql`AND (s.timestamp, s.span_id, s.trace_id) < (${cursor.ts}::timestamptz, ${cursor.spanId}, ${cursor.traceId})`;
}

/** The keys of this page's rows (without their content), for when the page must be known up front. */
export async function readPageKeys(
  db: Db,
  appId: string,
  q: ExportQuery,
  cutoff: Date,
): Promise<PageKeys> {
  const rows = await readRows<PageKey>(db, Prisma.sql`
    SELECT s.id::text AS id, ${TS_TEXT} AS ts, s.span_id, s.trace_id
    ${filteredSpans(appId, q, cutoff)} ${afterCursor(q.cursor)}
    ${EXPORT_ORDER}
    LIMIT ${q.limit + 1}`);
  const { page, nextCursor } = pageOf(rows, q.limit);
  return { keys: page, nextCursor };
}

/**
 * How many pieces a count is split into, each on its own pooled connection. A count over a week of a
 * busy app visits ~100k index entries and is an export's longest step; halves run side by side on
 * warm connections, where PostgreSQL's own parallel workers would start new processes for every query
 * (docs/performance.md).
 */
export const COUNT_PARTS = 2;

/**
 * Rows matching the filters across all pages (the cursor is ignored): from the hourly score rollup
 * (score-hours.ts: one score condition) or the hourly span counts (span-hours.ts: none) when they can
 * answer exactly, else by scanning the window.
 */
export async function countMatching(db: Db, appId: string, q: ExportQuery, cutoff: Date): Promise<number> {
  return (
    (await countFromScoreHours(db, appId, q, cutoff)) ??
    (await countFromSpanHours(db, appId, q, cutoff)) ??
    countByScan(db, appId, q, cutoff)
  );
}

/** Rows matching the filters across all pages, counted over the spans of the window. */
export async function countByScan(db: Db, appId: string, q: ExportQuery, cutoff: Date): Promise<number> {
  const parts = await Promise.all(
    windowParts(q, COUNT_PARTS).map((part) =>
      readRows<{ n: bigint | number | string }>(db, Prisma.sql`SELECT count(*) AS n ${filteredSpans(appId, q, cutoff)} ${part}`),
    ),
  );
  return parts.reduce((sum, [row]) => sum + Number(row?.n ?? 0), 0);
}

/** Extra conditions that split the time window into `n` disjoint pieces which together cover it. */
export function windowParts(q: ExportQuery, n: number): Prisma.Sql[] {
  const start = q.startDate.getTime();
  const span = q.endDate.getTime() - start;
  if (n <= 1 || span <= 0) return [Prisma.empty];
  const bounds = Array.from({ length: n - 1 }, (_, i) => new Date(start + Math.round((span * (i + 1)) / n)));
  return Array.from({ length: n }, (_, i) => {
    const from = i > 0 ? Prisma.sql` AND s.timestamp >= ${bounds[i - 1]}::timestamptz` : Prisma.empty;
    const to = i < n - 1 ? Prisma.sql` AND s.timestamp < ${bounds[i]}::timestamptz` : Prisma.empty;
    return Prisma.sql`${from}${to}`;
  });
}
