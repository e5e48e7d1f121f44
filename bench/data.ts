// Set-based generation of benchmark data: one INSERT … SELECT per table, never row by row.
// Each trace is 4 spans: a root SPAN, two GENERATIONs (~2 KB of input/output each), one EVENT.
import type { SqlConnection } from "../lib/db/migrate";

export interface BenchApp {
  appId: string;
  spans: number;
}

const MODELS = "ARRAY['gpt-4o','gpt-4o-mini','claude-3-5-sonnet','llama-3.1-70b']";
const USERS = 200;

/** Inserts `spans` spans (rounded to whole traces) over the last 30 days, scores on half the traces. */
export async function generateApp(sql: SqlConnection, app: BenchApp, traceOffset: number): Promise<number> {
  const traces = Math.max(1, Math.floor(app.spans / 4));
  // ~1 KB prompt + ~1 KB answer per generation, varied per trace so values do not compress to nothing.
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
     FROM generate_series(0, $2::int - 1) AS t
     CROSS JOIN generate_series(0, 3) AS k
     CROSS JOIN LATERAL (SELECT now() - (t::float8 / $2::int) * interval '30 days' + k * interval '10 ms' AS ts) AS tt`,
    [app.appId, traces, traceOffset],
  );
  // Trace-level scores on every other trace; correctness spread over [0, 1).
  await sql.query(
    `INSERT INTO score (id, app_id, trace_id, span_id, name, value, source, created_at)
     SELECT 'bench_' || $1 || '_' || t || '_' || n, $1, lpad(to_hex(t + $3), 32, '0'), NULL, n,
       CASE n WHEN 'correctness' THEN ((t::bigint * 7919) % 1000) / 1000.0 ELSE ((t::bigint * 104729) % 1000) / 1000.0 END,
       'eval', now() - (t::float8 / $2::int) * interval '30 days'
     FROM generate_series(0, $2::int - 1, 2) AS t
     CROSS JOIN unnest(ARRAY['correctness', 'helpfulness']) AS n`,
    [app.appId, traces, traceOffset],
  );
  return traces * 4;
}
