// The COPY that feeds a `format=openai` page of unit=span (copy-source.ts): per row only what its example
// needs, not the whole jsonl row. Each record is `<key>\t<kind><payload>`, one text value that holds no
// newline (JSON escapes them; copy-lines.ts ends each value with one):
// - key: the span's stored line head (row-lines.ts, LINE_HEAD) closed with `}`, a JSON object holding the
//   row's sort key (trace_id, span_id, timestamp), read from a piece's last row: stored, it costs no
//   to_json and to_char a row (~5 ms of PostgreSQL's CPU a page, docs/performance.md "Twelfth round");
// - `N`: not a GENERATION (skipped on its type alone; none of its content is sent);
// - `L` + the example's line, built here, for a plain generation (below) — the very text
//   JSON.stringify writes for it in openai-format.ts;
// - `J` + `{"type","input","output","tool_calls","tools"}` of any other generation: JavaScript builds,
//   validates or skips its example (finetune/transcript.ts) as for every row before.
// docs/performance.md "Eleventh round": the full rows cost PostgreSQL (scores, metadata, every field's
// JSON) and the server (parsing ~3.3 MB and writing each example again) ~half of the page's time.
import { Prisma } from "@prisma/client";
import type { ExportQuery } from "../filters";
import { copyStatement } from "./copy-lines";
import { inlineSql } from "./inline-sql";
import { afterCursor, EXPORT_ORDER } from "./page-keys";
import { LINE_HEAD } from "./row-lines";
import { filterConditions } from "./where-sql";

/**
 * A message that toOpenAiMessage keeps as `{"role":…,"content":…}` and the validator accepts as it is:
 * an object whose role is system, user or assistant and whose content is a string, without the keys
 * that would add to it (name, weight, tool_calls). Any other key is dropped in JavaScript too. NULL for a
 * message without role or content, which bool_and would pass over: coalesced to false where it is used.
 */
const PLAIN_MESSAGE = `(jsonb_typeof(m) = 'object' AND NOT m ?| ARRAY['name', 'weight', 'tool_calls']
  AND m ->> 'role' IN ('system', 'user', 'assistant') AND jsonb_typeof(m -> 'content') = 'string')`;

/** A column that offers nothing in JavaScript (not a non-empty array: transcript.ts ignores it). */
const noList = (column: string) => `(${column} IS NULL OR jsonb_typeof(${column}) <> 'array' OR ${column} = '[]'::jsonb)`;

/** Elements of a jsonb array column in order, none when it is not an array. */
const elements = (column: string) => `jsonb_array_elements(CASE WHEN jsonb_typeof(${column}) = 'array' THEN ${column} END) WITH ORDINALITY`;

/**
 * `LEFT JOIN LATERAL (…) ex`: for a GENERATION, `ex.plain` (every message of input and output plain, the
 * last of output the assistant's, no tool calls or tools offered) and `ex.messages`, its messages as the
 * example writes them, joined by commas. A message's role and content are written as jsonb's own text,
 * which escapes a string as JSON.stringify does (", \, \b \f \n \r \t, other control characters as
 * \u00xx; jsonb holds no NUL and no lone surrogate); openai-sql.test.ts compares the two.
 */
const PLAIN_LATERAL = `LEFT JOIN LATERAL (
  SELECT bool_and(coalesce(${PLAIN_MESSAGE}, false)) AS plain,
    string_agg('{"role":' || (m -> 'role')::text || ',"content":' || (m -> 'content')::text || '}', ',' ORDER BY part, n) AS messages
  FROM (SELECT 1 AS part, e.m, e.n FROM ${elements("s.input")} e(m, n)
        UNION ALL SELECT 2, e.m, e.n FROM ${elements("s.output")} e(m, n)) x
) ex ON s.type = 'GENERATION' AND jsonb_typeof(s.input) = 'array' AND s.output -> -1 ->> 'role' = 'assistant'
  AND ${noList("s.tool_calls")} AND ${noList("s.tools")}`;

/** What a generation's example is built from in JavaScript, as JSON (transcriptOf reads these fields). */
const GENERATION_FIELDS = `'J{"type":"GENERATION","input":' || coalesce(s.input::text, 'null') || ',"output":' || coalesce(s.output::text, 'null')
  || ',"tool_calls":' || coalesce(s.tool_calls::text, 'null') || ',"tools":' || coalesce(s.tools::text, 'null') || '}'`;

/**
 * `COPY (…) TO STDOUT (FORMAT binary)` of the page's records and one more (whether it exists tells
 * whether another page follows). `lines`: plain generations come as their finished line (L); false for
 * options that need every example in JavaScript whole (redact, dedupe), which then all come as J.
 */
export function openaiPageCopySql(appId: string, q: ExportQuery, cutoff: Date, lines: boolean): string {
  const payload = lines
    ? `CASE WHEN s.type <> 'GENERATION' THEN 'N' WHEN ex.plain THEN 'L{"messages":[' || ex.messages || ']}' ELSE ${GENERATION_FIELDS} END`
    : `CASE WHEN s.type <> 'GENERATION' THEN 'N' ELSE ${GENERATION_FIELDS} END`;
  const select = Prisma.sql`SELECT ${Prisma.raw(LINE_HEAD)} || E'}\t' || ${Prisma.raw(payload)}
    FROM span s ${Prisma.raw(lines ? PLAIN_LATERAL : "")}
    WHERE ${filterConditions(appId, q, cutoff)} ${afterCursor(q.cursor)}
    ${EXPORT_ORDER}
    LIMIT ${q.limit + 1}`;
  return copyStatement(inlineSql(select));
}
