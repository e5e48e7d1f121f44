// `total` once per walk (issue 17, docs/export.md "Figures"). An exact count over the filters visits
// every matching index entry, so it costs in proportion to the app's rows: at 5M spans a walk of
// 2,000-row pages spent most of each page counting the same rows again. So the first page of a walk
// counts, and its next_cursor carries the count to the pages after it, with a digest of the filters it
// was counted under and the window's start. A page whose cursor carries a total for its own filters
// reports that total and counts nothing.
//
// What `total` then means, exactly: the rows matching the filters when the walk's first page was
// served. The walk never visits a row newer than its first page (it moves down from there), and when
// the window's start was left to default (30 days before each request) the later pages keep the first
// page's start, so the rows the walk visits are the rows the total counted, plus any that arrive during
// the walk with older timestamps (late spans: the walk visits them, the total does not count them).
import { createHash } from "node:crypto";
import { decodeCursor, encodeCursor, type CursorWalk } from "../cursor";
import type { ExportQuery } from "../filters";

/** The fields of a query that do not choose rows or examples: the digest leaves them out. */
const NOT_CHOOSING = new Set<keyof ExportQuery>(["cursor", "limit", "lightweight", "redact", "format", "startDateDefaulted", "endDateDefaulted"]);

/**
 * A digest of what chooses the rows a total counts: every filter, the unit, the split (not the page
 * size or the shape of the output). A window bound the request left to default is not in it (it moves
 * with the clock; the cursor fixes the start, and the walk never goes above its first page).
 */
export function walkKey(q: ExportQuery): string {
  const chosen: Record<string, unknown> = { unitCounted: q.format === "openai" ? q.fineTune.unit : "span" };
  for (const [k, v] of Object.entries(q).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (NOT_CHOOSING.has(k as keyof ExportQuery)) continue;
    if ((k === "startDate" || k === "startDateExact") && q.startDateDefaulted) continue;
    if ((k === "endDate" || k === "endDateExact") && q.endDateDefaulted) continue;
    chosen[k] = v instanceof Date ? v.toISOString() : v;
  }
  return createHash("sha256").update(JSON.stringify(chosen)).digest("hex").slice(0, 16);
}

export interface Walk {
  /** The query to read the page with: its window's start fixed by the walk when it was left to default. */
  query: ExportQuery;
  /** The walk's total, when the cursor carried one for these filters. */
  total?: number;
  /** Stamps a next_cursor of this page with the walk (undefined when total is unknown: left as it is). */
  stamp(next: string | null, total: number | null): string | null;
}

/** The walk a page belongs to: a new one (no cursor, or one counted under other filters) or its cursor's. */
export function walkOf(q: ExportQuery): Walk {
  const key = walkKey(q);
  const carried = q.cursor?.walk?.key === key ? q.cursor.walk : undefined;
  const query = carried && q.startDateDefaulted ? { ...q, startDate: new Date(carried.from) } : q;
  const from = query.startDate.toISOString();
  return {
    query,
    total: carried?.total,
    stamp(next, total) {
      if (next === null || total === null) return next;
      const c = decodeCursor(next);
      if (!c) return next;
      const walk: CursorWalk = { total, key, from };
      return encodeCursor({ ...c, walk });
    },
  };
}
