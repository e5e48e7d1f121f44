// `format=csv` on PostgreSQL: each CSV record built by PostgreSQL and read with COPY, so the cells never
// pass through JSON.parse, JSON.stringify and papaparse in Node (~45 ms of the server's CPU for a
// 2,000-row page; docs/performance.md). The records follow csv-format.ts (papaparse, which the embedded
// PGlite path still uses) cell for cell: the same columns, empty cells for nulls, numbers as numbers,
// nested values as JSON text, a ' before a text cell a spreadsheet would run (and then quoted), quotes
// where papaparse puts them (a quote, comma, CR, LF or BOM inside, a space at either end), quotes
// doubled, CRLF record ends. Only the JSON text's spacing and the digits of extreme floats may differ
// (PostgreSQL writes `{"a": 1}` and 1e-07 where JavaScript writes {"a":1} and 1e-7); they parse alike.
// Most rows are quoted by COPY's own CSV writer, cell by cell (copyCells); csv-copy.ts reads its output.
import { Prisma } from "@prisma/client";
import { csvColumns, type CSV_COLUMNS } from "./csv-format";
import type { ExportQuery } from "../filters";
import { afterCursor, EXPORT_ORDER, TS_TEXT, tsText } from "./page-keys";
import { inlineSql } from "./inline-sql";
import { scoresLateral } from "./scores-sql";
import { filterConditions } from "./where-sql";

/**
 * How a column's text becomes a cell:
 * - number: written as it is (papaparse never quotes or prefixes a number);
 * - json: jsonb (or json) as text, which never holds a raw control character (JSON escapes them) nor a
 *   space at either end, and starts with a formula character only as a negative number;
 * - text: free text (ids, names, user ids), where anything goes;
 * - timestamp: to_char's digits, dashes, colons, T, . and Z, which no rule touches.
 */
type Kind = "number" | "json" | "text" | "timestamp";

/** Each column's value as text (null stays null), and its kind. */
const SOURCES: Record<(typeof CSV_COLUMNS)[number], { sql: string; kind: Kind }> = {
  trace_id: { sql: "s.trace_id", kind: "text" },
  span_id: { sql: "s.span_id", kind: "text" },
  span_name: { sql: "s.span_name", kind: "text" },
  type: { sql: "s.type", kind: "text" },
  model: { sql: "s.model", kind: "text" },
  status: { sql: "s.status", kind: "text" },
  latency_ms: { sql: "s.latency_ms::text", kind: "number" },
  timestamp: { sql: TS_TEXT.text, kind: "timestamp" },
  input: { sql: "s.input::text", kind: "json" },
  output: { sql: "s.output::text", kind: "json" },
  tool_calls: { sql: "s.tool_calls::text", kind: "json" },
  metadata: { sql: "s.metadata::text", kind: "json" },
  user_id: { sql: "s.user_id", kind: "text" },
  tags: { sql: "to_json(coalesce(s.tags, ARRAY[]::text[]))::text", kind: "json" },
  input_tokens: { sql: "s.input_tokens::text", kind: "number" },
  output_tokens: { sql: "s.output_tokens::text", kind: "number" },
  cost: { sql: "s.cost::text", kind: "number" },
  scores: { sql: "sc.scores::text", kind: "json" },
  tools: { sql: "s.tools::text", kind: "json" },
};

// The patterns without backslashes (chr() is folded into a constant when the statement is planned), so
// they read the same whatever the server's standard_conforming_strings says.
/** FORMULA_START of csv-format.ts: =, +, -, @, tab or CR first (as character codes, for ascii()). */
const FORMULA_CODES = "61, 43, 45, 64, 9, 13";
/** The characters that make papaparse quote a cell wherever they are: a quote, comma, CR, LF or byte order mark. */
const QUOTE_CHARS = `'[",' || chr(13) || chr(10) || chr(65279) || ']'`;
/** The text cells' separator in SPECIAL_ROW (a control character, so a value holding one only costs the slow path). */
const SEP = "chr(1)";
/**
 * Matches a row's text cells, joined with SEP around each, unless they need none of papaparse's rules:
 * no quoting character anywhere, no cell that starts with a formula character or a space, none that
 * ends with one. One regular expression per row instead of several checks per cell, which cost
 * PostgreSQL ~10 ms a page; a row it matches gets the checks cell by cell, into one record (copyCells);
 * the others' cells are left to COPY's CSV writer.
 */
const SPECIAL_ROW = `${QUOTE_CHARS} || '|' || ${SEP} || '[=+@ ' || chr(9) || '-]| ' || ${SEP}`;

/** papaparse's rules for one text cell `v` (safe() in papaparse.js, with escapeFormulae = FORMULA_START). */
function textCell(v: string): string {
  const escaped = `replace(${v}, '"', '""')`;
  return `CASE WHEN ${v} IS NULL THEN ''
    WHEN ascii(${v}) IN (${FORMULA_CODES}) THEN '"''' || ${escaped} || '"'
    WHEN ${v} ~ (${QUOTE_CHARS}) OR left(${v}, 1) = ' ' OR right(${v}, 1) = ' ' THEN '"' || ${escaped} || '"'
    ELSE ${v} END`;
}

/** The same rules for JSON text, which can only start with a formula character as a number (no quotes inside). */
function jsonCell(v: string): string {
  return `CASE WHEN ${v} IS NULL THEN ''
    WHEN ascii(${v}) = 45 THEN '"''' || ${v} || '"'
    WHEN strpos(${v}, '"') > 0 THEN '"' || replace(${v}, '"', '""') || '"'
    WHEN strpos(${v}, ',') > 0 OR strpos(${v}, chr(65279)) > 0 THEN '"' || ${v} || '"'
    ELSE ${v} END`;
}

function cellOf(column: (typeof CSV_COLUMNS)[number]): string {
  const v = `v.${quoteIdent(column)}`;
  switch (SOURCES[column].kind) {
    case "number":
      return `coalesce(${v}, '')`;
    case "timestamp":
      return v;
    case "json":
      return jsonCell(v);
    case "text":
      return `CASE WHEN v.plain THEN coalesce(${v}, '') ELSE ${textCell(v)} END`;
  }
}

/** The first line of csvPageCopySql's output: the page's size, and the key of its last row when more follow. */
export interface CsvPageMeta {
  rows: number;
  more: boolean;
  ts: string | null;
  span_id: string | null;
  trace_id: string | null;
}

/** EXPORT_ORDER for the page's tail rows `t` (array_agg's order). */
const TAIL_ORDER = "ORDER BY t.timestamp DESC, t.span_id DESC, t.trace_id DESC";

/**
 * A row's cells, or its whole record: PostgreSQL's COPY … (FORMAT csv) writes cells as papaparse does
 * wherever papaparse's extra rules (formula starts, spaces at the ends, a byte order mark, no quotes
 * around an empty text) have nothing to do, which `fast` tells (text cells checked by `plain`, JSON
 * cells never quoted by papaparse alone unless a negative number). COPY then quotes and doubles the
 * quotes of the JSON cells in C, the largest of the rules' costs in SQL (~2.5 ms a page; replace()).
 * An empty text becomes null, which COPY writes unquoted, as papaparse writes "". Any other row is
 * written as one cell holding its record built by the rules here (COPY quotes it), the other cells
 * empty; csv-copy.ts takes that cell back out.
 */
function copyCells(columns: (typeof CSV_COLUMNS)[number][]): string[] {
  const cell = (c: (typeof CSV_COLUMNS)[number]) => (SOURCES[c].kind === "text" ? `nullif(v.${quoteIdent(c)}, '')` : `v.${quoteIdent(c)}`);
  const record = `concat_ws(',', ${columns.map(cellOf).join(", ")})`;
  return columns.map((c, i) => (i === 0 ? `CASE WHEN f.fast THEN ${cell(c)} ELSE ${record} END` : `CASE WHEN f.fast THEN ${cell(c)} END`));
}

/**
 * `COPY (…) TO STDOUT (FORMAT csv)` of a csv page in one statement: first a line whose one cell is
 * JSON (CsvPageMeta), then the page's rows (copyCells), each ending in "\n" (csv-copy.ts makes it
 * CRLF). The headers need the page's size and next cursor before the body; one statement gives both
 * parts the same snapshot, so the records are exactly the rows the first line counted, with no second
 * round trip and no list of ids. UNION ALL runs its parts in order (Append, with parallel workers off
 * in every server session: SESSION_OPTIONS). The first line reads only the page's last row and the
 * one after it (OFFSET limit - 1), counting a short page's rows only when there is no such row: a
 * window function over the page's keys cost ~1.5 ms more. The cells are computed once per row behind
 * OFFSET 0, which keeps PostgreSQL from copying each expression into every place the rules read it.
 * Every value (app id, filters, cutoff, limit) is a parameter of the composed statement, which
 * inlineSql writes in as typed literals, since COPY takes no bind parameters.
 */
export function csvPageCopySql(appId: string, q: ExportQuery, cutoff: Date): string {
  const columns = csvColumns(q.lightweight) as (typeof CSV_COLUMNS)[number][];
  const values = columns.map((c) => `${SOURCES[c].sql} AS ${quoteIdent(c)}`);
  const texts = columns.filter((c) => SOURCES[c].kind === "text").map((c) => SOURCES[c].sql);
  const plain = `concat(${SEP}, ${texts.join(`, ${SEP}, `)}, ${SEP}) !~ (${SPECIAL_ROW}) AS plain`;
  const negative = columns.filter((c) => SOURCES[c].kind === "json").map((c) => ` AND ascii(v.${quoteIdent(c)}) IS DISTINCT FROM 45`);
  const empty = Prisma.raw(columns.slice(1).map(() => ", NULL::text").join(""));
  const where = Prisma.sql`${filterConditions(appId, q, cutoff)} ${afterCursor(q.cursor)}`;
  const select = Prisma.sql`SELECT row_to_json(m)::text${empty} FROM (
      SELECT CASE WHEN n > 0 THEN ${q.limit} ELSE (SELECT count(*) FROM (SELECT FROM span s WHERE ${where} LIMIT ${q.limit}) c) END AS rows,
        n > 1 AS more, ${tsText("last_ts")} AS ts, span_id, trace_id FROM (
        SELECT count(*) AS n,
          (array_agg(t.timestamp ${Prisma.raw(TAIL_ORDER)}))[1] AS last_ts,
          (array_agg(t.span_id ${Prisma.raw(TAIL_ORDER)}))[1] AS span_id,
          (array_agg(t.trace_id ${Prisma.raw(TAIL_ORDER)}))[1] AS trace_id
        FROM (SELECT s.timestamp, s.span_id, s.trace_id FROM span s WHERE ${where} ${EXPORT_ORDER} OFFSET ${q.limit - 1} LIMIT 2) t) agg) m
    UNION ALL
    (SELECT ${Prisma.raw(copyCells(columns).join(", "))}
      FROM span s ${scoresLateral(cutoff)}
      CROSS JOIN LATERAL (SELECT ${Prisma.raw([...values, plain].join(", "))} OFFSET 0) v
      CROSS JOIN LATERAL (SELECT v.plain${Prisma.raw(negative.join(""))} AS fast OFFSET 0) f
      WHERE ${where}
      ${EXPORT_ORDER}
      LIMIT ${q.limit})`;
  return `COPY (${inlineSql(select)}) TO STDOUT (FORMAT csv)`;
}

/** Column names as SQL identifiers ("timestamp" is a type name too). */
const quoteIdent = (c: string) => `"${c}"`;
