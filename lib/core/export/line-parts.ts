// The stored jsonl line parts (`span.line_head`, `span.line_mid`; migration 20261208010000_span_line_parts)
// for spans written before that migration, which have none: readers build such a row's parts on every
// read (row-lines.ts falls back to the same functions), so its exports cost what they did before. This
// writes them once, a batch of rows at a time in id order, each batch its own short statement: a
// single UPDATE of every span would hold the table for minutes at tens of millions of rows.
import type { Db } from "../db";

/**
 * The calls that build a span's two parts from the columns of the row named `alias` (a span, or a row
 * shaped like one): the argument lists written once, for every statement that writes or reads them.
 */
export const lineHeadSql = (alias: string) =>
  `flywheel_line_head(${alias}.trace_id, ${alias}.span_id, ${alias}.span_name, ${alias}.type, ${alias}.model, ${alias}.status, ${alias}.latency_ms, ${alias}."timestamp")`;
export const lineMidSql = (alias: string) => `flywheel_line_mid(${alias}.user_id, ${alias}.tags, ${alias}.input_tokens, ${alias}.output_tokens, ${alias}.cost)`;

export interface BackfillOptions {
  /** Rows a statement writes (default 5,000). */
  batch?: number;
  /** Limits the run to one app (tests, per-app tooling); the script covers every app. */
  appId?: string;
  /** Called after each batch with the rows written so far. */
  onBatch?: (written: number) => void;
}

/**
 * Writes the parts of every span that has none; returns how many it wrote. Rows another statement
 * holds locked are skipped (ingest writes their parts itself), so it is safe beside a running server.
 */
export async function backfillLineParts(db: Db, opts: BackfillOptions = {}): Promise<number> {
  const batch = opts.batch ?? 5_000;
  let after = "0";
  let written = 0;
  for (;;) {
    // The walk goes by id, so no row is looked at twice and no batch rescans the rows done before it.
    const [row] = await db.query<{ n: number; last: string | null }>(
      `WITH todo AS (
         SELECT id FROM span
         WHERE id > $1::bigint AND ($3::text IS NULL OR app_id = $3) AND (line_head IS NULL OR line_mid IS NULL)
         ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED),
       done AS (
         UPDATE span s SET
           line_head = ${lineHeadSql("s")},
           line_mid = ${lineMidSql("s")}
         FROM todo WHERE s.id = todo.id
         RETURNING s.id)
       SELECT count(*)::int AS n, max(id)::text AS last FROM done`,
      [after, batch, opts.appId ?? null],
    );
    if (!row || row.n === 0 || row.last === null) return written;
    written += row.n;
    after = row.last;
    opts.onBatch?.(written);
  }
}
