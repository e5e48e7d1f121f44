// Full rows, each built by PostgreSQL as the finished `jsonl` line (json_build_object keeps SPEC §3's
// field order); jsonl writes the text as it comes, the other formats parse it. One query per chunk of
// rows, never one per row. Two ways to name a chunk: by ids from a keys query (CSV, whose page must be
// known before its headers), or by keyset — the next n matching rows after a key (jsonl, openai).
import { Prisma } from "@prisma/client";
import type { ExportQuery } from "../filters";
import type { Cursor } from "../cursor";
import { afterCursor, EXPORT_ORDER, TS_TEXT, type RowKey } from "./page-keys";
import { inlineSql } from "./inline-sql";
import { readRows, type SqlReader } from "./reader";
import { scoresLateral } from "./scores-sql";
import { filterConditions } from "./where-sql";

/** Rows per query: large enough to amortise a round trip, small enough to stream steadily. */
export const CHUNK_SIZE = 500;

export interface KeyedLine extends RowKey {
  line: string;
}

/** `CROSS JOIN LATERAL (…) t`, exposing `t.ts` (TS_TEXT) once per row for the line and the row's key: to_char costs ~1 µs. */
const TS_LATERAL = Prisma.sql`CROSS JOIN LATERAL (SELECT ${TS_TEXT} AS ts) t`;

/** The jsonl line of span `s`; needs `sc` (scoresLateral) and `t` (TS_LATERAL) in the FROM list. */
function lineSql(lightweight: boolean): Prisma.Sql {
  // `lightweight` leaves the heavy columns out of the SELECT itself, not just out of the output.
  const content = lightweight
    ? Prisma.empty
    : Prisma.sql`'input', s.input, 'output', s.output, 'tool_calls', s.tool_calls,`;
  return Prisma.sql`json_build_object(
    'trace_id', s.trace_id, 'span_id', s.span_id, 'span_name', s.span_name, 'type', s.type,
    'model', s.model, 'status', s.status, 'latency_ms', s.latency_ms, 'timestamp', t.ts,
    ${content}
    'metadata', s.metadata, 'user_id', s.user_id, 'tags', coalesce(s.tags, ARRAY[]::text[]),
    'input_tokens', s.input_tokens, 'output_tokens', s.output_tokens, 'cost', s.cost,
    'scores', sc.scores
  )::text`;
}

/** The rows with these ids, as jsonl lines (no newline), in export order. Vanished ids are skipped. */
export async function readRowLines(
  db: SqlReader,
  appId: string,
  ids: string[],
  opts: { lightweight: boolean; cutoff: Date },
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await readRows<{ line: string }>(db, Prisma.sql`
    SELECT ${lineSql(opts.lightweight)} AS line
    FROM span s ${scoresLateral(opts.cutoff)} ${TS_LATERAL}
    WHERE s.app_id = ${appId} AND s.id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::bigint`))})
    ${EXPORT_ORDER}`);
  return rows.map((r) => r.line);
}

/** `FROM … WHERE … ORDER BY … LIMIT count`: the next `count` matching rows after `after` (or from the top). */
function rowsAfter(appId: string, q: ExportQuery, after: Cursor | undefined, count: number, cutoff: Date): Prisma.Sql {
  // The filters run on the span scan; the scores object is built only for the rows that pass.
  return Prisma.sql`FROM span s ${scoresLateral(cutoff)} ${TS_LATERAL}
    WHERE ${filterConditions(appId, q, cutoff)} ${afterCursor(after)}
    ${EXPORT_ORDER}
    LIMIT ${count}`;
}

/** The next `count` matching rows after `after` (or from the top), with their sort keys. */
export async function readRowsAfter(
  db: SqlReader,
  appId: string,
  q: ExportQuery,
  after: Cursor | undefined,
  count: number,
  cutoff: Date,
): Promise<KeyedLine[]> {
  return readRows<KeyedLine>(db, Prisma.sql`
    SELECT t.ts, s.span_id, s.trace_id, ${lineSql(q.lightweight)} AS line ${rowsAfter(appId, q, after, count, cutoff)}`);
}

/**
 * `COPY (…) TO STDOUT` of the page's jsonl lines and one more (whether it exists tells whether another
 * page follows), values written in as literals: COPY takes no bind parameters.
 */
export function pageCopySql(appId: string, q: ExportQuery, cutoff: Date): string {
  const select = Prisma.sql`SELECT ${lineSql(q.lightweight)} ${rowsAfter(appId, q, q.cursor, q.limit + 1, cutoff)}`;
  return `COPY (${inlineSql(select)}) TO STDOUT`;
}

/** Splits items into CHUNK_SIZE pieces. */
export function chunksOf<T>(items: T[], size = CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
