// Exact counts from the hourly score rollup (`span_score_hour`, migrations 20261125300000_score_hours and
// 20261207190000_score_hour_buckets): per app, score name, hour, type, model, status and value bucket
// (floor(value × 8), clamped), the sorted values of that score on the scored spans of the hour and their
// number, and per hour, type, model and status a summary row of the numbers by bucket. A count with one
// score condition reads the window's whole hours there — one binary search (width_bucket) per row of the
// condition's bucket, one per summary row for the buckets wholly on either side of it — and scans only
// the partial hours at both ends. That took the P1 count from ~45 ms of
// PostgreSQL CPU to ~4 ms, and the buckets keep it from growing with the values an hour holds (issue 17,
// docs/performance.md). Queries the rollup cannot answer exactly return null and are scanned.
import { Prisma } from "@prisma/client";
import type { ExportQuery, ScoreCondition, ScoreOp } from "../filters";
import { readRows, type Db } from "../db";
import { filteredSpans } from "./where-sql";

export const HOUR_MS = 3_600_000;

// Every field of ExportQuery is placed in one of these two lists; one added to ExportQuery and to neither
// fails the build below, so a new filter can never be silently left out of a rollup count.
/** Fields the rollup answers (the window, one score condition, type, model, status) or a count ignores. */
type Understood =
  | "startDate" | "endDate" | "startDateExact" | "endDateExact" | "startDateDefaulted" | "endDateDefaulted"
  | "scores" | "type" | "model" | "status"
  | "format" | "limit" | "lightweight" | "cursor" | "appId"
  // redact changes no row's membership; of the fine-tuning options only `split` filters rows, and
  // hourPlan below sends a split query to the scan (units other than span are counted elsewhere).
  | "redact" | "fineTune";
/** Filters the rollup does not hold: a query using any of them is counted by the scan. */
const SCAN_ONLY = ["minScore", "maxScore", "name", "userId", "tag", "metadata"] as const;
type Unplaced = Exclude<keyof ExportQuery, Understood | (typeof SCAN_ONLY)[number]>;
const everyFieldPlaced: Record<Unplaced, never> = {};
void everyFieldPlaced;

export interface HourPlan {
  condition: ScoreCondition;
  /** The whole hours [firstHour, endHour) (hours since the Unix epoch), all inside the window. */
  firstHour: number;
  endHour: number;
}

/** Whether `q` filters on nothing an hourly rollup keeps apart (beyond the window, scores, type, model, status). */
export function rollupFilters(q: ExportQuery): boolean {
  return !SCAN_ONLY.some((field) => q[field] !== undefined) && !q.fineTune.split;
}

/** The window's whole hours [firstHour, endHour), or null when it holds none. */
export function wholeHours(q: ExportQuery): { firstHour: number; endHour: number } | null {
  // The first hour starting after startDate and the last one ending by endDate. A Date drops the
  // digits past milliseconds, so startDate <= the exact start < startDate + 1 ms <= firstHour's start,
  // and endHour's start <= endDate <= the exact end: the whole hours never reach outside the window.
  const firstHour = Math.floor(q.startDate.getTime() / HOUR_MS) + 1;
  const endHour = Math.floor(q.endDate.getTime() / HOUR_MS);
  return firstHour < endHour ? { firstHour, endHour } : null;
}

/** What the rollup can count of `q`, or null when the scan must count all of it. */
export function hourPlan(q: ExportQuery): HourPlan | null {
  if (q.scores.length !== 1 || !rollupFilters(q)) return null;
  const hours = wholeHours(q);
  return hours ? { condition: q.scores[0], ...hours } : null;
}

/** The largest double below x, so `v < x` can be asked as `v <= nextDown(x)`. */
export function nextDown(x: number): number {
  if (x === 0) return -Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits - 1n : bits + 1n);
  return view.getFloat64(0);
}

/** How many of a rollup row's sorted values `h.vals` meet the condition: width_bucket counts those <= x. */
function matchingValues(op: ScoreOp, value: number): Prisma.Sql {
  const n = Prisma.sql`cardinality(h.vals)`;
  const atMost = Prisma.sql`width_bucket(${value}::float8, h.vals)`;
  const below = Prisma.sql`width_bucket(${nextDown(value)}::float8, h.vals)`;
  switch (op) {
    case ">=": return Prisma.sql`${n} - ${below}`;
    case ">": return Prisma.sql`${n} - ${atMost}`;
    case "<=": return atMost;
    case "<": return below;
    case "=": return Prisma.sql`${atMost} - ${below}`;
    case "!=": return Prisma.sql`${n} - (${atMost} - ${below})`;
  }
}

/** The operators that values above the threshold meet (`<`, `<=`: those below it; `!=` both; `=` neither). */
const ABOVE: ReadonlySet<ScoreOp> = new Set([">=", ">", "!="]);

/** The bucket of the summary rows: below every real bucket (floor(value × 8) is clamped to ±1e9). */
const SUMMARY = -2147483648;

/**
 * How many values of a summary row's hour lie outside the threshold's bucket and meet the condition.
 * The bucket is monotone in the value, so values of a bucket above the threshold's all lie above it
 * (they match `>=`, `>`, `!=`, not `<`, `<=`, `=`), those of a bucket below all below. `cum[i]` is the
 * number of values in buckets up to `ids[i]`, and width_bucket finds the last bucket at most b.
 */
function matchingBeside(op: ScoreOp, bucket: Prisma.Sql): Prisma.Sql {
  const above = Prisma.sql`(h.n - coalesce(h.cum[width_bucket(${bucket}, h.ids)], 0))`;
  const below = Prisma.sql`coalesce(h.cum[width_bucket(${bucket} - 1, h.ids)], 0)`;
  if (op === "!=") return Prisma.sql`${above} + ${below}`;
  if (op === "=") return Prisma.sql`0`;
  return ABOVE.has(op) ? above : below;
}

/**
 * The bucket whose lower edge the threshold is, when `>=` or `<` can be answered by whole buckets:
 * with x = b / 8, v >= x exactly when floor(v × 8) >= b (multiplying by 8 is exact in binary floating
 * point), so no value of bucket b needs reading. Thresholds such as 0.5 or 0.75 are the common ones,
 * and the bucket rows' values were most of the count's time (~2.8 of ~5.5 ms for P1's 7 days).
 * Null for other operators and thresholds, and near the clamped ends of the bucket range.
 */
export function edgeBucket(op: ScoreOp, value: number): number | null {
  if (op !== ">=" && op !== "<") return null;
  const b = value * 8;
  return Number.isInteger(b) && Math.abs(b) < 999_999_999 ? b : null;
}

/**
 * The window's partial hours at both ends, each counted from the side that is shorter in time: the
 * part inside the window, scanned and added to the whole hours; or the hour taken whole from the rollup
 * and the part outside the window scanned and subtracted. A window that ends now (the default) ends
 * early in its hour's outside part, which holds no rows yet, and a start late in its hour is counted
 * from its few minutes: at most half an hour of spans is scanned at either end, often next to none
 * (at 5M spans an hour holds ~7,000, each ~1.2 µs of the scan). Hours [fromHour, toHour) are read whole.
 */
function partialHours(appId: string, q: ExportQuery, cutoff: Date, firstHour: number, endHour: number) {
  const start = q.startDateExact ?? q.startDate;
  const end = q.endDateExact ?? q.endDate;
  const [firstAt, endAt, afterAt] = [firstHour, endHour, endHour + 1].map((h) => new Date(h * HOUR_MS));
  // The hour before firstHour holds the start; endHour holds the end (wholeHours).
  const startOutside = q.startDate.getTime() - (firstHour - 1) * HOUR_MS < firstHour * HOUR_MS - q.startDate.getTime();
  const endOutside = afterAt.getTime() - q.endDate.getTime() < q.endDate.getTime() - endHour * HOUR_MS;
  const inWindow = filteredSpans(appId, q, cutoff);
  // The same filters on the hour's part outside the window (the window's bound itself left out).
  const before = { ...q, startDate: new Date((firstHour - 1) * HOUR_MS), startDateExact: undefined, endDate: q.startDate, endDateExact: q.startDateExact };
  const after = { ...q, startDate: q.endDate, startDateExact: q.endDateExact, endDate: afterAt, endDateExact: undefined };
  return {
    fromHour: startOutside ? firstHour - 1 : firstHour,
    toHour: endOutside ? endHour + 1 : endHour,
    start: startOutside
      ? Prisma.sql`- (SELECT count(*) ${filteredSpans(appId, before, cutoff)} AND s.timestamp < ${start}::timestamptz)`
      : Prisma.sql`+ (SELECT count(*) ${inWindow} AND s.timestamp < ${firstAt}::timestamptz)`,
    end: endOutside
      ? Prisma.sql`- (SELECT count(*) ${filteredSpans(appId, after, cutoff)} AND s.timestamp > ${end}::timestamptz AND s.timestamp < ${afterAt}::timestamptz)`
      : Prisma.sql`+ (SELECT count(*) ${inWindow} AND s.timestamp >= ${endAt}::timestamptz)`,
  };
}

/**
 * The exact count of rows matching `q` via the rollup, or null when it cannot give one: a filter it
 * does not hold, no whole hour in the window, or an hour whose spans carry a score older than the
 * retention cutoff (their stored scores are not the row's scores then; the scan looks those up).
 */
export async function countFromScoreHours(db: Db, appId: string, q: ExportQuery, cutoff: Date): Promise<number | null> {
  const plan = hourPlan(q);
  if (!plan) return null;
  const { condition, firstHour, endHour } = plan;
  const dims = [
    q.type !== "all" ? Prisma.sql` AND h.type = ${q.type}` : Prisma.empty,
    q.model !== undefined ? Prisma.sql` AND h.model = ${q.model}` : Prisma.empty,
    q.status !== undefined ? Prisma.sql` AND h.status = ${q.status}` : Prisma.empty,
  ];
  const ends = partialHours(appId, q, cutoff, firstHour, endHour);
  const rows = Prisma.sql`h.app_id = ${appId} AND h.name = ${condition.name}
    AND h.hour >= ${ends.fromHour}::int AND h.hour < ${ends.toHour}::int${Prisma.join(dims, "")}`;
  const stale = Prisma.sql`bool_or(h.oldest_at <= ${cutoff}::timestamptz)`;
  // Folded to a constant when the statement is planned (the function is IMMUTABLE).
  const bucket = Prisma.sql`flywheel_score_bucket(${condition.value}::float8)`;
  const edge = edgeBucket(condition.op, condition.value);
  // Only the threshold's bucket has its values read (a binary search per row); at bucket b's lower
  // edge none has: >= is the buckets above b - 1, < those below b, all from the summary rows.
  const values =
    edge === null
      ? Prisma.sql`SELECT sum(${matchingValues(condition.op, condition.value)}) AS n, ${stale} AS stale
        FROM span_score_hour h WHERE ${rows} AND h.bucket = ${bucket}
        UNION ALL`
      : Prisma.empty;
  const beside = edge === null ? bucket : Prisma.sql`${condition.op === ">=" ? edge - 1 : edge}::int`;
  const fromRollup = Prisma.sql`${values}
    SELECT sum(${matchingBeside(condition.op, beside)}) AS n, ${stale} AS stale
    FROM span_score_hour h WHERE ${rows} AND h.bucket = ${SUMMARY}::int`;
  const [row] = await readRows<{ n: string; stale: boolean }>(db, Prisma.sql`
    SELECT (r.n ${ends.start} ${ends.end})::text AS n, r.stale
    FROM (SELECT coalesce(sum(x.n), 0) AS n, coalesce(bool_or(x.stale), false) AS stale FROM (${fromRollup}) x) r`);
  return !row || row.stale ? null : Number(row.n);
}
