// The GENERATION spans of a batch of units (traces, or sessions), as jsonl rows, grouped by unit in
// the batch's order and in time order within each: what merge-conversation.ts is given.
import { Prisma } from "@prisma/client";
import { readRows, type Db } from "../../db";
import { LINE, rowLaterals } from "../row-lines";
import type { ExportRow } from "../types";

/** `(VALUES (id, 1), …) u(id, ord)`: the batch's ids with their place. */
function idsWithOrder(ids: string[]): Prisma.Sql {
  return Prisma.sql`(VALUES ${Prisma.join(ids.map((id, i) => Prisma.sql`(${id}, ${i}::int)`))}) u(id, ord)`;
}

/**
 * Rows of each unit: for unit=trace the trace's generations; for unit=session the generations of
 * every trace that names the session (span_app_session_idx finds them). The whole conversation, not
 * only the spans the filters matched: the filters choose units, not turns.
 */
export async function readUnitRows(db: Db, appId: string, unit: "trace" | "session", ids: string[], cutoff: Date): Promise<ExportRow[][]> {
  const out: ExportRow[][] = ids.map(() => []);
  if (ids.length === 0) return out;
  const traces =
    unit === "trace"
      ? Prisma.sql`s.trace_id = u.id`
      : Prisma.sql`s.trace_id IN (SELECT g.trace_id FROM span g WHERE g.app_id = ${appId} AND g.session_id = u.id)`;
  const rows = await readRows<{ ord: number; line: string }>(db, Prisma.sql`
    SELECT u.ord, ${LINE} AS line
    FROM ${idsWithOrder(ids)} JOIN LATERAL (SELECT * FROM span s WHERE s.app_id = ${appId} AND s.type = 'GENERATION' AND ${traces}) s ON true
    ${rowLaterals(false, cutoff)}
    ORDER BY u.ord, s.timestamp, s.span_id`);
  for (const r of rows) out[Number(r.ord)].push(JSON.parse(r.line) as ExportRow);
  return out;
}
