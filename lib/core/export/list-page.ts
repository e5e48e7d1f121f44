// One page of rows for the dashboard's Traces table: the same filters, order, cursor and row shape
// as the export, returned as objects instead of streamed.
import type { ExportQuery } from "../filters";
import { retentionCutoff } from "../retention";
import { countMatching, pageOf } from "./page-keys";
import type { Db } from "../db";
import { readRowsAfter } from "./row-lines";
import type { ExportOptions, ExportRow, ListPageResult } from "./types";
import { walkOf } from "./walk-total";

export async function listPage(
  db: Db,
  appId: string,
  asked: ExportQuery,
  opts: ExportOptions,
): Promise<ListPageResult> {
  const cutoff = retentionCutoff(opts.retentionDays, opts.now);
  // Counted on the first page only; later pages take it from their cursor (walk-total.ts).
  const walk = walkOf(asked);
  const query = walk.query;
  const [rows, total] = await Promise.all([
    // One row more than the page: whether it exists decides nextCursor.
    readRowsAfter(db, appId, query, query.cursor, query.limit + 1, cutoff),
    walk.total ?? countMatching(db, appId, query, cutoff),
  ]);
  const { page, nextCursor } = pageOf(rows, query.limit);
  return { rows: page.map((r) => JSON.parse(r.line) as ExportRow), total, nextCursor: walk.stamp(nextCursor, total) };
}
