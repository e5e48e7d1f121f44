// One page of rows for the dashboard's Traces table: the same filters, order, cursor and row shape
// as the export, returned as objects instead of streamed.
import type { PrismaClient } from "@prisma/client";
import type { ExportQuery } from "../filters";
import { countMatching, readPageKeys } from "./page-keys";
import { readRowLines } from "./row-lines";
import { scoreCutoff } from "./scores-sql";
import type { ExportOptions, ExportRow, ListPageResult } from "./types";

export async function listPage(
  prisma: PrismaClient,
  appId: string,
  query: ExportQuery,
  opts: ExportOptions,
): Promise<ListPageResult> {
  const cutoff = scoreCutoff(opts.retentionDays, opts.now);
  const [keys, total] = await Promise.all([
    readPageKeys(prisma, appId, query, cutoff),
    countMatching(prisma, appId, query, cutoff),
  ]);
  const lines = await readRowLines(prisma, appId, keys.keys.map((k) => k.id), { lightweight: query.lightweight, cutoff });
  return { rows: lines.map((l) => JSON.parse(l) as ExportRow), total, nextCursor: keys.nextCursor };
}
