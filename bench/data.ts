// Set-based generation of benchmark data: one INSERT … SELECT per table (per part), never row by row.
// Each trace is 4 spans: a root SPAN, two GENERATIONs (~2 KB of input/output each), one EVENT.
import type { SqlConnection } from "../lib/db/migrate";
import { lineHeadSql, lineMidSql } from "../lib/core/export/line-parts";

export interface BenchApp {
  appId: string;
  spans: number;
  /** Added to every trace number, so apps never share trace ids. */
  traceOffset: number;
}

const MODELS = "ARRAY['gpt-4o','gpt-4o-mini','claude-3-5-sonnet','llama-3.1-70b']";
const USERS = 200;

export const tracesOf = (app: BenchApp) => Math.max(1, Math.floor(app.spans / 4));

/**
 * Trace-level scores on every other trace; correctness spread over [0, 1). Written before the spans, so
 * each span gets its trace's scores as it is inserted (generateSpans) instead of every scored span being
 * rewritten afterwards by the score trigger: the same end state, half the writes.
 */
export async function generateScores(sql: SqlConnection, app: BenchApp): Promise<void> {
  await sql.query(
    `INSERT INTO score (id, app_id, trace_id, span_id, name, value, source, created_at)
     SELECT 'bench_' || $1 || '_' || t || '_' || n, $1, lpad(to_hex(t + $3), 32, '0'), NULL, n,
       CASE n WHEN 'correctness' THEN ((t::bigint * 7919) % 1000) / 1000.0 ELSE ((t::bigint * 104729) % 1000) / 1000.0 END,
       'eval', now() - (t::float8 / $2::int) * interval '30 days'
     FROM generate_series(0, $2::int - 1, 2) AS t
     CROSS JOIN unnest(ARRAY['correctness', 'helpfulness']) AS n`,
    [app.appId, tracesOf(app), app.traceOffset],
  );
}

/** Inserts traces [from, to) of the app's traces, spread over the last 30 days (trace 0 is the newest). */
export async function generateSpans(sql: SqlConnection, app: BenchApp, from: number, to: number): Promise<void> {
  // ~1 KB prompt + ~1 KB answer per generation, varied per trace so values do not compress to nothing.
  // `0 * t` makes the span loop depend on the trace loop, so a trace's 4 spans are written together and
  // the table is in time order, as ingest leaves it. (With the loops the other way round the table held
  // four sweeps over the month, and an index-only count switched visibility-map pages on every row.)
  await sql.query(
    `INSERT INTO span (app_id, trace_id, span_id, parent_span_id, span_name, type, model, status, status_message,
       "timestamp", end_time, latency_ms, input, output, tool_calls, metadata, user_id, session_id, tags,
       input_tokens, output_tokens, cost, scores, scores_oldest_at, line_head, line_mid)
     -- The stored line parts written in the statement, as ingest does: left to the table's trigger, a PL/pgSQL
     -- call a span added ~50 s to the 7M-span load.
     SELECT x.*, ${lineHeadSql("x")}, ${lineMidSql("x")}
     FROM (SELECT $1,
       lpad(to_hex(t + $3), 32, '0'),
       lpad(to_hex((t + $3) * 4 + k), 16, '0'),
       CASE WHEN k = 0 THEN NULL ELSE lpad(to_hex((t + $3) * 4), 16, '0') END,
       CASE k WHEN 0 THEN 'chat-request' WHEN 3 THEN 'cache-lookup' ELSE 'llm-call' END,
       CASE k WHEN 0 THEN 'SPAN' WHEN 3 THEN 'EVENT' ELSE 'GENERATION' END,
       CASE WHEN k IN (1, 2) THEN (${MODELS})[1 + (t % 4)] END,
       CASE WHEN t % 20 = 0 THEN 'STATUS_CODE_ERROR' ELSE 'STATUS_CODE_OK' END,
       CASE WHEN t % 20 = 0 THEN 'upstream timeout' END,
       ts, ts + interval '850 ms', 850 + (t % 700),
       CASE WHEN k IN (1, 2) THEN jsonb_build_array(
         jsonb_build_object('role', 'system', 'content', 'You are a helpful support assistant for Acme. Answer precisely and cite the relevant policy.'),
         jsonb_build_object('role', 'user', 'content', 'Ticket ' || t || ': ' || repeat(md5((t * 7 + k)::text) || ' customer question about billing, ', 16)))
       END,
       CASE WHEN k IN (1, 2) THEN jsonb_build_array(
         jsonb_build_object('role', 'assistant', 'content', 'Answer ' || t || ': ' || repeat(md5((t * 13 + k)::text) || ' explanation of the refund policy. ', 16)))
       END,
       NULL::jsonb,
       jsonb_build_object('env', CASE WHEN t % 3 = 0 THEN 'staging' ELSE 'production' END, 'region', (ARRAY['eu','us','ap'])[1 + (t % 3)]),
       'user_' || (t % ${USERS}),
       'session_' || (t / 5),
       CASE WHEN t % 2 = 0 THEN ARRAY['production','support'] ELSE ARRAY['beta'] END,
       CASE WHEN k IN (1, 2) THEN 300 + (t % 500) END,
       CASE WHEN k IN (1, 2) THEN 200 + (t % 300) END,
       CASE WHEN k IN (1, 2) THEN 0.0001 * (1 + t % 50) END,
       coalesce(sc.scores, '{}'::jsonb), sc.oldest_at
     FROM generate_series($4::int, $5::int - 1) AS t
     -- The trace's scores, as the span_scores_inserted trigger would set them (the newest per name; the bench
     -- writes one of each name per trace, all trace-level), looked up once per trace, not per span.
     LEFT JOIN LATERAL (
       SELECT jsonb_object_agg(x.name, x.value) AS scores, min(x.created_at) AS oldest_at
       FROM score x WHERE x.app_id = $1 AND x.trace_id = lpad(to_hex(t + $3), 32, '0')) sc ON true
     CROSS JOIN LATERAL generate_series(0, 3 + 0 * t) AS k
     CROSS JOIN LATERAL (SELECT now() - (t::float8 / $2::int) * interval '30 days' + k * interval '10 ms' AS ts) AS tt
     ) AS x(app_id, trace_id, span_id, parent_span_id, span_name, type, model, status, status_message, "timestamp", end_time,
       latency_ms, input, output, tool_calls, metadata, user_id, session_id, tags, input_tokens, output_tokens, cost,
       scores, scores_oldest_at)`,
    [app.appId, tracesOf(app), app.traceOffset, from, to],
  );
}

/**
 * Generates every app's scores, then their spans, each app's split in pieces that the sessions take in
 * turn (one statement uses one core; two sessions use both). Two things kept the load from growing
 * with the table (it took ~100 s at 1M spans and ~600 s at 5M):
 * - The hourly score rollup (span_score_hour) is filled once at the end, by the migration's own backfill
 *   statement, instead of by the span_hours_inserted trigger after every statement: the trigger's
 *   recompute of a statement's hours was planned on the statistics of a table that was still filling
 *   (no ANALYZE yet), and scanned far more of it than the hours it touched.
 *   The hourly span counts (span_hour) likewise, by migration 20261207180000_span_hours's backfill.
 * - The span table's secondary indexes are dropped for the load and built afterwards, one per session
 *   at a time: sorting each index once is sequential work, inserting into eleven indexes row by row is not.
 * Returns the spans written.
 */
const MAX_TRACES_PER_STATEMENT = 25_000;

export async function generateApps(sessions: SqlConnection[], apps: BenchApp[], log: (line: string) => void = () => {}): Promise<number> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
  for (const app of apps) await generateScores(sessions[0], app);
  const indexes = await dropSpanIndexes(sessions[0]);
  // The insert trigger's score lookup is done once per trace by generateSpans itself.
  await sessions[0].exec(`ALTER TABLE span DISABLE TRIGGER span_hours_inserted, DISABLE TRIGGER span_count_inserted, DISABLE TRIGGER span_scores_inserted`);
  try {
    const work: ((session: SqlConnection) => Promise<unknown>)[] = [];
    for (const app of apps) {
      const traces = tracesOf(app);
      // Pieces of at most MAX_TRACES_PER_STATEMENT: a session that bounds how long it waits for one
      // statement (lib/db/client.ts, the PGlite path) must get its answer in time on a busy machine.
      const step = Math.min(Math.ceil(traces / sessions.length), MAX_TRACES_PER_STATEMENT);
      for (let from = 0; from < traces; from += step) work.push((session) => generateSpans(session, app, from, Math.min(traces, from + step)));
    }
    await inTurn(sessions, work);
  } finally {
    await sessions[0].exec(`ALTER TABLE span ENABLE TRIGGER span_hours_inserted, ENABLE TRIGGER span_count_inserted, ENABLE TRIGGER span_scores_inserted`);
  }
  log(`data: spans written at ${seconds()} s; building ${indexes.length} span indexes and the score rollup`);
  await inTurn(sessions, [
    ...indexes.map((def) => (session: SqlConnection) => session.exec(def)),
    (session: SqlConnection) => fillScoreHours(session, apps.map((a) => a.appId)),
    (session: SqlConnection) => fillSpanHours(session, apps.map((a) => a.appId)),
  ]);
  log(`data: indexes and rollup built at ${seconds()} s`);
  return apps.reduce((n, app) => n + tracesOf(app) * 4, 0);
}

/** Runs the tasks, each session taking the next one when it is free. */
async function inTurn(sessions: SqlConnection[], work: ((session: SqlConnection) => Promise<unknown>)[]): Promise<void> {
  let next = 0;
  await Promise.all(
    sessions.map(async (session) => {
      while (next < work.length) await work[next++](session);
    }),
  );
}

/**
 * Drops the span table's indexes except its primary key, and returns the statements that build them
 * again exactly as the migrations made them (pg_indexes.indexdef). The unique (app_id, trace_id,
 * span_id) index goes too: the generated ids are unique by construction, and building it afterwards
 * still checks that they are.
 */
async function dropSpanIndexes(sql: SqlConnection): Promise<string[]> {
  const { rows } = await sql.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = 'span' AND indexname <> 'span_pkey'
     ORDER BY indexname`,
  );
  for (const { name } of rows) await sql.exec(`DROP INDEX "${name}"`);
  return rows.map((r) => r.def);
}

/** The rollup rows of the apps' scored spans: the backfill of migration 20261207190000_score_hour_buckets, per app. */
async function fillScoreHours(sql: SqlConnection, appIds: string[]): Promise<void> {
  await sql.query(
    `INSERT INTO span_score_hour (app_id, name, hour, type, model, status, bucket, vals, n, oldest_at)
     SELECT s.app_id, e.key, floor(extract(epoch FROM s."timestamp") / 3600)::int, s.type, coalesce(s.model, ''), s.status,
       flywheel_score_bucket(e.value::float8), array_agg(e.value::float8 ORDER BY e.value::float8), count(*), min(s.scores_oldest_at)
     FROM span s CROSS JOIN LATERAL jsonb_each(s.scores) e
     WHERE s.scores_oldest_at IS NOT NULL AND s.app_id = ANY($1::text[])
     GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    [appIds],
  );
  // The summary rows (bucket -2147483648), as the migration's backfill makes them.
  await sql.query(
    `INSERT INTO span_score_hour (app_id, name, hour, type, model, status, bucket, n, ids, cum, oldest_at)
     SELECT app_id, name, hour, type, model, status, -2147483648, sum(n), array_agg(bucket ORDER BY bucket),
       array_agg(c ORDER BY bucket), min(oldest_at)
     FROM (SELECT r.*, sum(r.n) OVER (PARTITION BY r.app_id, r.name, r.hour, r.type, r.model, r.status ORDER BY r.bucket) AS c
           FROM span_score_hour r WHERE r.app_id = ANY($1::text[])) x
     GROUP BY 1, 2, 3, 4, 5, 6`,
    [appIds],
  );
}

/** The hourly span counts of the apps: the backfill of migration 20261207180000_span_hours, per app. */
async function fillSpanHours(sql: SqlConnection, appIds: string[]): Promise<void> {
  await sql.query(
    `INSERT INTO span_hour (app_id, hour, type, model, status, n)
     SELECT app_id, floor(extract(epoch FROM "timestamp") / 3600)::int, type, coalesce(model, ''), status, count(*)
     FROM span WHERE app_id = ANY($1::text[])
     GROUP BY 1, 2, 3, 4, 5`,
    [appIds],
  );
}

/**
 * Spans (one in ~500, every app) whose stored scores differ from what the migrations' own function
 * computes for them: 0 unless generateSpans and the span_scores_inserted trigger disagree.
 */
export async function scoreMismatches(sql: SqlConnection): Promise<{ sampled: number; differing: number }> {
  const { rows } = await sql.query<{ sampled: string; differing: string }>(
    `SELECT count(*)::text AS sampled,
       count(*) FILTER (WHERE (s.scores, s.scores_oldest_at) IS DISTINCT FROM (f.scores, f.oldest_at))::text AS differing
     FROM span s CROSS JOIN LATERAL flywheel_span_scores(s.app_id, s.trace_id, s.span_id) f
     WHERE s.id % 499 = 0`,
  );
  return { sampled: Number(rows[0].sampled), differing: Number(rows[0].differing) };
}
