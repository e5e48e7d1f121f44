// Full rows, each built by PostgreSQL as the finished `jsonl` line (lineOf: ExportRow's field order,
// types.ts); jsonl writes the text as it comes, the other formats parse it. One query per chunk of
// rows, never one per row. Two ways to name a chunk: by ids from a keys query (CSV, whose page must be
// known before its headers), or by keyset — the next n matching rows after a key (jsonl, openai).
import { Prisma } from "@prisma/client";
import type { ExportQuery } from "../filters";
import type { Cursor } from "../cursor";
import { afterCursor, EXPORT_ORDER, TS_TEXT, type RowKey } from "./page-keys";
import { inlineSql } from "./inline-sql";
import { lineHeadSql, lineMidSql } from "./line-parts";
import { copyStatement } from "./copy-lines";
import { readRows, type Db } from "../db";
import { scoresLateral } from "./scores-sql";
import { filterConditions } from "./where-sql";

/** Rows per query: large enough to amortise a round trip, small enough to stream steadily. */
export const CHUNK_SIZE = 500;

export interface KeyedLine extends RowKey {
  line: string;
}

/** `CROSS JOIN LATERAL (…) t`, exposing `t.ts` (TS_TEXT) once per row for the row's key and `r`: to_char costs ~1 µs (a line takes its timestamp from LINE_HEAD). */
const TS_LATERAL = Prisma.sql`CROSS JOIN LATERAL (SELECT ${TS_TEXT} AS ts) t`;

/**
 * `CROSS JOIN LATERAL (…) r`: the jsonl fields of span `s` in ExportRow's order, as the columns of `r`;
 * needs `sc` (scoresLateral) and `t` (TS_LATERAL) before it. `lightweight` leaves the heavy columns out
 * of the SELECT itself, not just out of the output. lineOf reads only its jsonb fields (the stored parts
 * hold the rest); `row_to_json(r)` is the line it must equal (line-sql.test.ts), and PostgreSQL computes
 * none of the columns a statement leaves unread.
 */
function rowFields(lightweight: boolean): Prisma.Sql {
  const content = lightweight ? Prisma.empty : Prisma.sql`s.input, s.output, s.tool_calls,`;
  // `tools` goes last, after `scores`, as the row's field list has it (types.ts).
  const tools = lightweight ? Prisma.empty : Prisma.sql`, s.tools`;
  return Prisma.sql`CROSS JOIN LATERAL (SELECT s.trace_id, s.span_id, s.span_name, s.type, s.model, s.status,
    s.latency_ms, t.ts AS "timestamp", ${content} s.metadata, s.user_id, coalesce(s.tags, ARRAY[]::text[]) AS tags,
    s.input_tokens, s.output_tokens, s.cost, sc.scores ${tools}) r`;
}

/**
 * The parts of a jsonl line that depend only on the span's own columns, each stored on the span when it
 * is written (`line_head`: `{"trace_id":` … the timestamp; `line_mid`: `,"user_id":` … the cost; migration
 * 20261208010000_span_line_parts) and built by the same database functions for a row without them (one
 * written before that migration): to_json of every small text and to_char of the timestamp cost ~7 ms of
 * PostgreSQL's CPU a 2,000-row page when done on every read.
 */
export const LINE_HEAD = `coalesce(s.line_head, ${lineHeadSql("s")})`;
const LINE_MID = `coalesce(s.line_mid, ${lineMidSql("s")})`;

/** The line's parts in ExportRow's order (types.ts): the stored ones, and the jsonb fields of `r` as their own text; `heavy` ones are left out when `lightweight`. */
const LINE_PARTS: { sql: string; heavy?: boolean }[] = [
  { sql: LINE_HEAD },
  ...["input", "output", "tool_calls"].map((name) => ({ sql: jsonField(name), heavy: true })),
  { sql: jsonField("metadata") },
  { sql: LINE_MID },
  { sql: jsonField("scores") },
  { sql: jsonField("tools"), heavy: true },
];

/** `,"name":` and the jsonb field's own text (null as null), as row_to_json writes it. */
function jsonField(name: string): string {
  return `',"${name}":' || coalesce(r."${name}"::text, 'null')`;
}

/**
 * The jsonl line of a row, from span `s` and `r` (rowFields): the same text as `row_to_json(r)::text` (no
 * spaces, ExportRow's field order), built by concatenation. row_to_json looks up each column's type for
 * every row (~20 catalogue look-ups a row), which cost PostgreSQL ~2–3 ms more per 2,000-row page than
 * concatenation (docs/performance.md, tenth round). `||` copies both sides, so the heavy values are not
 * joined left to right (each would be copied again for every part after it): runs of small parts are
 * joined, then each heavy value with everything after it, from the right.
 */
export function lineOf(lightweight: boolean): Prisma.Sql {
  const units: { parts: string[]; heavy: boolean }[] = [];
  for (const part of LINE_PARTS.filter((p) => !(lightweight && p.heavy))) {
    const run = units.at(-1);
    if (!part.heavy && run && !run.heavy) run.parts.push(`(${part.sql})`);
    else units.push({ parts: [`(${part.sql})`], heavy: !!part.heavy });
  }
  units.push({ parts: ["'}'"], heavy: false });
  return Prisma.raw(units.map((u) => `(${u.parts.join(" || ")})`).reduceRight((rest, unit) => `(${unit} || ${rest})`));
}

/** The laterals that turn span `s` into what lineOf() is built from (after a FROM or JOIN naming `s`). */
export function rowLaterals(lightweight: boolean, cutoff: Date): Prisma.Sql {
  return Prisma.sql`${scoresLateral(cutoff)} ${TS_LATERAL} ${rowFields(lightweight)}`;
}

/** `FROM span s …`: a span with what its line is built from. */
function spanRows(lightweight: boolean, cutoff: Date): Prisma.Sql {
  return Prisma.sql`FROM span s ${rowLaterals(lightweight, cutoff)}`;
}

/** The rows with these ids, as jsonl lines (no newline), in export order. Vanished ids are skipped. */
export async function readRowLines(
  db: Db,
  appId: string,
  ids: string[],
  opts: { lightweight: boolean; cutoff: Date },
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await readRows<{ line: string }>(db, Prisma.sql`
    SELECT ${lineOf(opts.lightweight)} AS line ${spanRows(opts.lightweight, opts.cutoff)}
    WHERE s.app_id = ${appId} AND s.id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::bigint`))})
    ${EXPORT_ORDER}`);
  return rows.map((r) => r.line);
}

/** `FROM … WHERE … ORDER BY … LIMIT count`: the next `count` matching rows after `after` (or from the top). */
function rowsAfter(appId: string, q: ExportQuery, after: Cursor | undefined, count: number, cutoff: Date): Prisma.Sql {
  // The filters run on the span scan; the scores object is built only for the rows that pass.
  return Prisma.sql`${spanRows(q.lightweight, cutoff)}
    WHERE ${filterConditions(appId, q, cutoff)} ${afterCursor(after)}
    ${EXPORT_ORDER}
    LIMIT ${count}`;
}

/** The next `count` matching rows after `after` (or from the top), with their sort keys. */
export async function readRowsAfter(
  db: Db,
  appId: string,
  q: ExportQuery,
  after: Cursor | undefined,
  count: number,
  cutoff: Date,
): Promise<KeyedLine[]> {
  return readRows<KeyedLine>(db, Prisma.sql`
    SELECT t.ts, s.span_id, s.trace_id, ${lineOf(q.lightweight)} AS line ${rowsAfter(appId, q, after, count, cutoff)}`);
}

/**
 * `COPY (…) TO STDOUT` of the page's jsonl lines and one more (whether it exists tells whether another
 * page follows), values written in as literals: COPY takes no bind parameters.
 */
export function pageCopySql(appId: string, q: ExportQuery, cutoff: Date): string {
  const select = Prisma.sql`SELECT ${lineOf(q.lightweight)} ${rowsAfter(appId, q, q.cursor, q.limit + 1, cutoff)}`;
  return copyStatement(inlineSql(select));
}

/** Splits items into CHUNK_SIZE pieces. */
export function chunksOf<T>(items: T[], size = CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
