// Set-based generation of benchmark data: one INSERT … SELECT per table (per part), never row by row.
// Each trace is 4 spans: a root SPAN, two GENERATIONs (~2 KB of input/output each), one EVENT.
import type { SqlConnection } from "../lib/db/migrate";

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
 * each span picks its trace's scores up as it is inserted (the span_inserting trigger) instead of every
 * scored span being rewritten afterwards by the score trigger: the same end state, half the writes.
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
       input_tokens, output_tokens, cost)
     SELECT $1,
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
       NULL,
       jsonb_build_object('env', CASE WHEN t % 3 = 0 THEN 'staging' ELSE 'production' END, 'region', (ARRAY['eu','us','ap'])[1 + (t % 3)]),
       'user_' || (t % ${USERS}),
       'session_' || (t / 5),
       CASE WHEN t % 2 = 0 THEN ARRAY['production','support'] ELSE ARRAY['beta'] END,
       CASE WHEN k IN (1, 2) THEN 300 + (t % 500) END,
       CASE WHEN k IN (1, 2) THEN 200 + (t % 300) END,
       CASE WHEN k IN (1, 2) THEN 0.0001 * (1 + t % 50) END
     FROM generate_series($4::int, $5::int - 1) AS t
     CROSS JOIN LATERAL generate_series(0, 3 + 0 * t) AS k
     CROSS JOIN LATERAL (SELECT now() - (t::float8 / $2::int) * interval '30 days' + k * interval '10 ms' AS ts) AS tt`,
    [app.appId, tracesOf(app), app.traceOffset, from, to],
  );
}

/**
 * Generates every app's scores, then their spans, each app's split in one piece per session and the
 * pieces run side by side (one statement uses one core; two sessions use both). Returns the spans written.
 */
const MAX_TRACES_PER_STATEMENT = 25_000;

export async function generateApps(sessions: SqlConnection[], apps: BenchApp[]): Promise<number> {
  for (const app of apps) await generateScores(sessions[0], app);
  const work: ((session: SqlConnection) => Promise<void>)[] = [];
  for (const app of apps) {
    const traces = tracesOf(app);
    // Pieces of at most MAX_TRACES_PER_STATEMENT: the database client bounds how long it waits for one
    // statement's answer (lib/db/client.ts), and half of a million-span app in one INSERT can take
    // longer than that on a busy machine.
    const step = Math.min(Math.ceil(traces / sessions.length), MAX_TRACES_PER_STATEMENT);
    for (let from = 0; from < traces; from += step) work.push((session) => generateSpans(session, app, from, Math.min(traces, from + step)));
  }
  // Each session takes the next piece when it is free.
  let next = 0;
  await Promise.all(
    sessions.map(async (session) => {
      while (next < work.length) await work[next++](session);
    }),
  );
  return apps.reduce((n, app) => n + tracesOf(app) * 4, 0);
}
