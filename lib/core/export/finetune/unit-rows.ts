// The GENERATION spans of a batch of units (traces, or sessions), as JSON objects, grouped by unit in
// the batch's order and in time order within each: what merge-conversation.ts is given.
import { Prisma } from "@prisma/client";
import { readRows, type Db } from "../../db";
import type { UnitRow } from "../row-source";

/**
 * `u(id, ord)`: the batch's ids with their place (from 0), as one array parameter: a VALUES list of
 * two parameters an id took PostgreSQL ~12 ms to plan for 500 ids, as long as running the statement.
 */
function idsWithOrder(ids: string[]): Prisma.Sql {
  return Prisma.sql`(SELECT v.id, (v.n - 1)::int AS ord FROM unnest(${ids}::text[]) WITH ORDINALITY v(id, n)) u`;
}

/**
 * Rows of each unit, with only what a merge reads of a generation (UnitRow): the whole jsonl row's
 * scores (a lateral per row), timestamp text, metadata and counters cost PostgreSQL and the parse, and
 * were never used (docs/performance.md "unit=trace"). For unit=trace the trace's generations; for unit=session the generations of
 * every trace that names the session (span_app_session_idx finds them). The whole conversation, not
 * only the spans the filters matched: the filters choose units, not turns.
 */
export async function readUnitRows(db: Db, appId: string, unit: "trace" | "session", ids: string[]): Promise<UnitRow[][]> {
  const out: UnitRow[][] = ids.map(() => []);
  if (ids.length === 0) return out;
  const traces =
    unit === "trace"
      ? Prisma.sql`s.trace_id = u.id`
      : Prisma.sql`s.trace_id IN (SELECT g.trace_id FROM span g WHERE g.app_id = ${appId} AND g.session_id = u.id)`;
  const rows = await readRows<{ ord: number; line: string }>(db, Prisma.sql`
    SELECT u.ord, json_build_object('type', s.type, 'input', s.input, 'output', s.output, 'tool_calls', s.tool_calls, 'tools', s.tools)::text AS line
    FROM ${idsWithOrder(ids)} JOIN LATERAL (SELECT s.type, s.input, s.output, s.tool_calls, s.tools, s.timestamp, s.span_id
      FROM span s WHERE s.app_id = ${appId} AND s.type = 'GENERATION' AND ${traces}) s ON true
    ORDER BY u.ord, s.timestamp, s.span_id`);
  for (const r of rows) out[Number(r.ord)].push(JSON.parse(r.line) as UnitRow);
  return out;
}
