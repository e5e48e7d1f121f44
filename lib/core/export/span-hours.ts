// Exact counts from the hourly span counts (`span_hour`, migration 20261207180000_span_hours): per app,
// hour, type, model and status, how many spans. A count without score conditions, filtered on type, model
// or status at most (an unfiltered export walk's first page, issue 17), sums the window's whole hours
// there — ~720 rows per type/model/status for 30 days, whatever the app's size — and scans only the
// partial hours at both ends. Queries it cannot answer return null and are counted otherwise.
import { Prisma } from "@prisma/client";
import type { ExportQuery } from "../filters";
import { readRows, type Db } from "../db";
import { HOUR_MS, rollupFilters, wholeHours } from "./score-hours";
import { filteredSpans } from "./where-sql";

/** The whole hours the span counts can sum for `q`, or null when they cannot count it. */
export function spanHourPlan(q: ExportQuery): { firstHour: number; endHour: number } | null {
  return q.scores.length === 0 && rollupFilters(q) ? wholeHours(q) : null;
}

/** The exact count of rows matching `q` via the span counts, or null when they cannot give one. */
export async function countFromSpanHours(db: Db, appId: string, q: ExportQuery, cutoff: Date): Promise<number | null> {
  const plan = spanHourPlan(q);
  if (!plan) return null;
  const { firstHour, endHour } = plan;
  const dims = [
    q.type !== "all" ? Prisma.sql` AND h.type = ${q.type}` : Prisma.empty,
    q.model !== undefined ? Prisma.sql` AND h.model = ${q.model}` : Prisma.empty,
    q.status !== undefined ? Prisma.sql` AND h.status = ${q.status}` : Prisma.empty,
  ];
  const spans = filteredSpans(appId, q, cutoff);
  const [row] = await readRows<{ n: string }>(db, Prisma.sql`
    SELECT ((SELECT coalesce(sum(h.n), 0) FROM span_hour h
             WHERE h.app_id = ${appId} AND h.hour >= ${firstHour}::int AND h.hour < ${endHour}::int${Prisma.join(dims, "")})
      + (SELECT count(*) ${spans} AND s.timestamp < ${new Date(firstHour * HOUR_MS)}::timestamptz)
      + (SELECT count(*) ${spans} AND s.timestamp >= ${new Date(endHour * HOUR_MS)}::timestamptz))::text AS n`);
  return row ? Number(row.n) : null;
}
