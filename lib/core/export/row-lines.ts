// Step two of a page: the full rows for a chunk of ids, each built by PostgreSQL as the finished
// `jsonl` line (json_build_object keeps SPEC §3's field order). jsonl writes the text as it comes;
// the other formats parse it. One query per chunk, never one per row.
import { Prisma, type PrismaClient } from "@prisma/client";
import { scoresLateral } from "./scores-sql";
import { EXPORT_ORDER, TS_TEXT } from "./page-keys";

/** Rows fetched per query: large enough to amortise a round trip, small enough to stream steadily. */
export const CHUNK_SIZE = 500;

function lineSql(lightweight: boolean): Prisma.Sql {
  // `lightweight` leaves the heavy columns out of the SELECT itself, not just out of the output.
  const content = lightweight
    ? Prisma.empty
    : Prisma.sql`'input', s.input, 'output', s.output, 'tool_calls', s.tool_calls,`;
  return Prisma.sql`json_build_object(
    'trace_id', s.trace_id, 'span_id', s.span_id, 'span_name', s.span_name, 'type', s.type,
    'model', s.model, 'status', s.status, 'latency_ms', s.latency_ms, 'timestamp', ${TS_TEXT},
    ${content}
    'metadata', s.metadata, 'user_id', s.user_id, 'tags', coalesce(s.tags, ARRAY[]::text[]),
    'input_tokens', s.input_tokens, 'output_tokens', s.output_tokens, 'cost', s.cost,
    'scores', sc.scores
  )::text`;
}

/** The rows with these ids, as jsonl lines (no newline), in export order. Vanished ids are skipped. */
export async function readRowLines(
  prisma: PrismaClient,
  appId: string,
  ids: string[],
  opts: { lightweight: boolean; cutoff: Date },
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.$queryRaw<{ line: string }[]>`
    SELECT ${lineSql(opts.lightweight)} AS line
    FROM span s ${scoresLateral(opts.cutoff)}
    WHERE s.app_id = ${appId} AND s.id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::bigint`))})
    ${EXPORT_ORDER}`;
  return rows.map((r) => r.line);
}

/** Splits ids into CHUNK_SIZE pieces. */
export function chunksOf<T>(items: T[], size = CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
