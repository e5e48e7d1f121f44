// `format=csv` on PostgreSQL: each CSV record built by PostgreSQL and read with COPY, so the cells never
// pass through JSON.parse, JSON.stringify and papaparse in Node (~45 ms of the server's CPU for a
// 2,000-row page; docs/performance.md). The records follow csv-format.ts (papaparse, which the embedded
// PGlite path still uses) cell for cell: the same columns, empty cells for nulls, numbers as numbers,
// nested values as JSON text, a ' before a text cell a spreadsheet would run (and then quoted), quotes
// where papaparse puts them (a quote, comma, CR, LF or BOM inside, a space at either end), quotes
// doubled, CRLF record ends. Only the JSON text's spacing and the digits of extreme floats may differ
// (PostgreSQL writes `{"a": 1}` and 1e-07 where JavaScript writes {"a":1} and 1e-7); they parse alike.
import { Prisma } from "@prisma/client";
import { csvColumns, type CSV_COLUMNS } from "./csv-format";
import { EXPORT_ORDER, TS_TEXT, type PageKey } from "./page-keys";
import { inlineSql } from "./inline-sql";
import { scoresLateral } from "./scores-sql";

/** Each column's value as text (null stays null); numbers are the only cells written unquoted as they are. */
const SOURCES: Record<(typeof CSV_COLUMNS)[number], { sql: string; number?: true }> = {
  trace_id: { sql: "s.trace_id" },
  span_id: { sql: "s.span_id" },
  span_name: { sql: "s.span_name" },
  type: { sql: "s.type" },
  model: { sql: "s.model" },
  status: { sql: "s.status" },
  latency_ms: { sql: "s.latency_ms::text", number: true },
  timestamp: { sql: TS_TEXT.text },
  input: { sql: "s.input::text" },
  output: { sql: "s.output::text" },
  tool_calls: { sql: "s.tool_calls::text" },
  metadata: { sql: "s.metadata::text" },
  user_id: { sql: "s.user_id" },
  tags: { sql: "to_json(coalesce(s.tags, ARRAY[]::text[]))::text" },
  input_tokens: { sql: "s.input_tokens::text", number: true },
  output_tokens: { sql: "s.output_tokens::text", number: true },
  cost: { sql: "s.cost::text", number: true },
  scores: { sql: "sc.scores::text" },
};

// The patterns without backslashes (chr() is folded into a constant when the statement is planned), so
// they read the same whatever the server's standard_conforming_strings says.
/** FORMULA_START of csv-format.ts: =, +, -, @, tab or CR first. */
const FORMULA_START = `'^[=+@' || chr(9) || chr(13) || '-]'`;
/** What makes papaparse quote a cell: a quote, comma, CR, LF or byte order mark in it, a space at either end. */
const NEEDS_QUOTES = `'[",' || chr(13) || chr(10) || chr(65279) || ']|^ | $'`;

/** papaparse's rules for one text cell `v` (safe() in papaparse.js, with escapeFormulae = FORMULA_START). */
function textCell(v: string): string {
  const escaped = `replace(${v}, '"', '""')`;
  return `CASE WHEN ${v} IS NULL THEN ''
    WHEN ${v} ~ (${FORMULA_START}) THEN '"''' || ${escaped} || '"'
    WHEN ${v} ~ (${NEEDS_QUOTES}) THEN '"' || ${escaped} || '"'
    ELSE ${v} END`;
}

/**
 * `COPY (…) TO STDOUT` of the CSV records of these rows (a page's keys, in export order), each ending in
 * "\r" (COPY adds the "\n"). The rows are read in export order between the page's first and last key,
 * keeping those whose id is the page's, so the records stream as they are built: an `id IN (…)` list
 * made PostgreSQL build all 2,000 and sort them first (first byte ~80 ms). `s.id + 0` keeps it from
 * reaching for the primary key (a bitmap scan and a sort again), and the LIMIT (the page's size, which
 * the ids bound anyway) makes the ordered index scan the cheap plan. The values are computed
 * once per row behind OFFSET 0, which keeps PostgreSQL from copying each expression into every place
 * the cell rules read it.
 */
export function csvCopySql(appId: string, page: PageKey[], opts: { lightweight: boolean; cutoff: Date }): string {
  const [first, last] = [page[0], page[page.length - 1]];
  const ids = `{${page.map((k) => k.id).join(",")}}`;
  const columns = csvColumns(opts.lightweight) as (typeof CSV_COLUMNS)[number][];
  const values = columns.map((c) => `${SOURCES[c].sql} AS ${quoteIdent(c)}`).join(", ");
  const cells = columns.map((c) => (SOURCES[c].number ? `coalesce(v.${quoteIdent(c)}, '')` : textCell(`v.${quoteIdent(c)}`)));
  const select = Prisma.sql`SELECT ${Prisma.raw(cells.join(" || ',' || "))} || E'\\r'
    FROM span s ${scoresLateral(opts.cutoff)}
    CROSS JOIN LATERAL (SELECT ${Prisma.raw(values)} OFFSET 0) v
    WHERE s.app_id = ${appId}
      AND (s.timestamp, s.span_id, s.trace_id) <= (${first.ts}::timestamptz, ${first.span_id}, ${first.trace_id})
      AND (s.timestamp, s.span_id, s.trace_id) >= (${last.ts}::timestamptz, ${last.span_id}, ${last.trace_id})
      AND s.id + 0 = ANY(${ids}::bigint[])
    ${EXPORT_ORDER}
    LIMIT ${page.length}`;
  return `COPY (${inlineSql(select)}) TO STDOUT`;
}

/** Column names as SQL identifiers ("timestamp" is a type name too). */
const quoteIdent = (c: string) => `"${c}"`;
