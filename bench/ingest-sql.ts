// `npx tsx bench/ingest-sql.ts [-- --batches N] [-- --rounds R] [-- --preload SPANS]`: PostgreSQL's CPU
// for one P4 batch (the real 512-row upsert of ingest, from the same SDK spans P4 sends), under variants
// of the schema applied inside a transaction that is rolled back (a dropped index, a dropped trigger), so
// what each index or trigger costs a batch can be read before anything is changed for real. The
// backend's own CPU is read from /proc/<pid>/schedstat (nanoseconds); variants alternate round by round,
// so a shared machine's load falls on each alike. Writes to its own database (BENCH_DATABASE_URL's name
// + `_sql`, dropped and created anew); never dev data.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import pg from "pg";
import { mapExportRequest, screenExportRequest } from "../lib/core/ingest/decode-request";
import { decodeProtobufRequest } from "../lib/core/ingest/decode-protobuf";
import { upsertSpans, upsertStatement } from "../lib/core/ingest/upsert-spans";
import { openDatabase, SESSION_OPTIONS } from "../lib/db/client";
import { prepareTestDatabase } from "../test/harness";
import { createTenancy } from "../test/tenancy";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { median } from "./measure";
import { makeSpans } from "./otlp";

const { values } = parseArgs({
  options: {
    batches: { type: "string", default: "6" },
    rounds: { type: "string", default: "5" },
    preload: { type: "string", default: "100000" },
    variants: { type: "string", default: "" },
  },
  strict: true,
});
const BATCHES = Number(values.batches);
const ROUNDS = Number(values.rounds);
const PRELOAD = Number(values.preload);

const SCORES_MIGRATION = readFileSync(`${__dirname}/../prisma/migrations/20261125120000_span_scores/migration.sql`, "utf8");
const OLD_ROW_TRIGGER = `${SCORES_MIGRATION.slice(SCORES_MIGRATION.indexOf('CREATE FUNCTION "flywheel_span_inserting"'), SCORES_MIGRATION.indexOf("-- CreateTrigger"))};
  CREATE TRIGGER "span_inserting" BEFORE INSERT ON "span" FOR EACH ROW EXECUTE FUNCTION "flywheel_span_inserting"()`;

/** The variants: DDL run inside the transaction before the batches. */
const ALL: Record<string, string> = {
  as_is: "",
  no_score_trigger: `DROP TRIGGER "span_scores_inserted" ON "span"`,
  // The per-row score probe the statement trigger replaced (migration 20261207200000), for comparison.
  row_trigger: `DROP TRIGGER "span_scores_inserted" ON "span"; ${OLD_ROW_TRIGGER}`,
  no_type_status: `DROP INDEX "span_app_type_idx"; DROP INDEX "span_app_status_idx"`,
  no_type: `DROP INDEX "span_app_type_idx"`,
  no_status: `DROP INDEX "span_app_status_idx"`,
  no_user: `DROP INDEX "span_app_user_idx"`,
  no_session: `DROP INDEX "span_app_session_idx"`,
  no_model: `DROP INDEX "span_app_model_idx"`,
  no_order: `DROP INDEX "span_app_order_idx"`,
  no_tags: `DROP INDEX "span_tags_idx"`,
  no_metadata: `DROP INDEX "span_metadata_idx"`,
  no_count_triggers: `DROP TRIGGER "span_count_inserted" ON "span"; DROP TRIGGER "span_hours_inserted" ON "span"`,
  no_secondary: `DROP INDEX "span_app_type_idx"; DROP INDEX "span_app_status_idx"; DROP INDEX "span_app_user_idx";
    DROP INDEX "span_app_session_idx"; DROP INDEX "span_app_model_idx"; DROP INDEX "span_app_order_idx";
    DROP INDEX "span_app_scored_idx"; DROP INDEX "span_tags_idx"; DROP INDEX "span_metadata_idx"`,
};
/** Variants of the statement itself (the same rows, another way in). */
const STATEMENT: Record<string, (sql: string) => string> = {
  json_param: (sql) => sql.replace("jsonb_to_recordset($2::jsonb)", "json_to_recordset($2::json)"),
  // Without the stored line parts (migration 20261208010000_span_line_parts): what writing them costs a batch.
  no_line_parts: (sql) => sql.replace(", line_head, line_mid)", ")").replace(/,\s*flywheel_line_head\([^)]*\),\s*flywheel_line_mid\([^)]*\)/, ""),
};
ALL.json_param = "";
ALL.no_line_parts = `DROP TRIGGER "span_line_parts_inserting" ON "span"`;
const chosen = values.variants ? values.variants.split(",") : Object.keys(ALL);

function schedNs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ")[0]);
}

async function main() {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const named = process.env.BENCH_DATABASE_URL ? new URL(process.env.BENCH_DATABASE_URL).pathname.slice(1) : "flywheel_bench";
  const database = await prepareTestDatabase(`${named}_sql`);
  const db = await openDatabase(database.url);
  const app = await createTenancy(db, "sql");
  const spans = makeSpans(PRELOAD + 512 * (BATCHES * ROUNDS * chosen.length + 1));
  const rowsOf = (from: number) =>
    mapExportRequest(screenExportRequest(decodeProtobufRequest(ProtobufTraceSerializer.serializeRequest(spans.slice(from, from + 512))!))).rows;
  for (let at = 0; at < PRELOAD; at += 512) await upsertSpans(db, app.appId, rowsOf(at));
  const client = new pg.Client({ connectionString: database.url, options: SESSION_OPTIONS });
  await client.connect();
  await client.query("VACUUM ANALYZE span");
  const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
  const cpu: Record<string, number[]> = {};
  let next = PRELOAD;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const name of chosen) {
        const batches = Array.from({ length: BATCHES }, () => {
          const [sql, params] = upsertStatement(app.appId, rowsOf(next));
          next += 512;
          return { sql: STATEMENT[name]?.(sql) ?? sql, params };
        });
        await client.query("BEGIN");
        if (ALL[name]) await client.query(ALL[name]);
        for (const b of batches) {
          const before = schedNs(pid);
          await client.query(b.sql, b.params);
          (cpu[name] ??= []).push((schedNs(pid) - before) / 1e6);
        }
        await client.query("ROLLBACK");
      }
    }
    // One EXPLAIN of the statement as it is, for the record.
    const [sql, params] = upsertStatement(app.appId, rowsOf(next));
    await client.query("BEGIN");
    const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS, WAL) ${sql}`, params);
    await client.query("ROLLBACK");
    console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
  } finally {
    await client.end();
    await db.close();
    await database.stop();
  }
  console.log(`PostgreSQL backend CPU per 512-span upsert, ms (median of ${ROUNDS} rounds × ${BATCHES} batches, each variant rolled back):`);
  const base = median(cpu.as_is ?? [NaN]);
  for (const name of chosen) {
    const m = median(cpu[name]);
    console.log(`${name.padEnd(20)} ${m.toFixed(2).padStart(8)}  ${(m - base).toFixed(2).padStart(7)} vs as_is`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
