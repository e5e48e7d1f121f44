// Bulk inserts through the raw connection: one INSERT … SELECT FROM jsonb_to_recordset per batch,
// so thousands of rows cost a handful of round trips, even on embedded PGlite. Rows that exist
// already (same app/trace/span, same score id) are left alone, which keeps re-runs idempotent.
import type { SqlConnection } from "../db/migrate";
import { recordDefinition, SPAN_ROW_FIELDS } from "../core/ingest/span-row";
import type { DemoScore, DemoSpan } from "./types";

const BATCH = 500;

const SCORE_FIELDS: [string, string][] = [
  ["id", "text"],
  ["trace_id", "text"],
  ["span_id", "text"],
  ["name", "text"],
  ["value", "float8"],
  ["label", "text"],
  ["comment", "text"],
  ["source", "text"],
  ["created_at", "timestamptz"],
];

type Fields = readonly (readonly [string, string])[];
const cols = (fields: Fields) => fields.map(([n]) => `"${n}"`).join(", ");
const selected = (fields: Fields) => fields.map(([n]) => `r."${n}"`).join(", ");

const SPAN_SQL = `WITH ins AS (
  INSERT INTO "span" ("app_id", ${cols(SPAN_ROW_FIELDS)})
  SELECT $1, ${selected(SPAN_ROW_FIELDS)} FROM jsonb_to_recordset($2::jsonb) AS r(${recordDefinition(SPAN_ROW_FIELDS)})
  ON CONFLICT ("app_id", "trace_id", "span_id") DO NOTHING
  RETURNING 1
) SELECT count(*)::int AS n FROM ins`;

const SCORE_SQL = `WITH ins AS (
  INSERT INTO "score" ("app_id", ${cols(SCORE_FIELDS)})
  SELECT $1, ${selected(SCORE_FIELDS)} FROM jsonb_to_recordset($2::jsonb) AS r(${recordDefinition(SCORE_FIELDS)})
  ON CONFLICT ("id") DO NOTHING
  RETURNING 1
) SELECT count(*)::int AS n FROM ins`;

async function insertBatches(sql: SqlConnection, text: string, appId: string, rows: unknown[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const res = await sql.query<{ n: number }>(text, [appId, JSON.stringify(rows.slice(i, i + BATCH))]);
    inserted += Number(res.rows[0]?.n ?? 0);
  }
  return inserted;
}

/** Inserts the spans not there yet; returns how many it inserted. */
export const insertSpans = (sql: SqlConnection, appId: string, spans: DemoSpan[]) => insertBatches(sql, SPAN_SQL, appId, spans);

/** Inserts the scores not there yet; returns how many it inserted. */
export const insertScores = (sql: SqlConnection, appId: string, scores: DemoScore[]) => insertBatches(sql, SCORE_SQL, appId, scores);
