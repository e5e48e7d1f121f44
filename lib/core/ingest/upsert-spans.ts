// The whole batch in one set-based statement: the rows travel as one JSON parameter, are unpacked by
// jsonb_to_recordset and upserted on (app_id, trace_id, span_id). One statement is one transaction,
// so a batch is stored whole or not at all, and a re-sent span updates its row instead of adding one.
import type { Db } from "../db";
import { lineHeadSql, lineMidSql } from "../export/line-parts";
import { recordDefinition, SPAN_ROW_FIELDS, type SpanRow } from "./span-row";

/** Every field but the key (trace_id, span_id): what an upsert writes. */
const FIELDS = SPAN_ROW_FIELDS.map(([name]) => name).filter((name) => name !== "trace_id" && name !== "span_id");

// The span's stored jsonl line parts (migration 20261208010000_span_line_parts) are written here, in the
// statement, rather than by the table's per-row trigger, which would cost a PL/pgSQL call a span. A
// re-sent span's update sets their columns, so the update trigger writes them anew.
const UPSERT_SQL = `
INSERT INTO "span" (app_id, trace_id, span_id, ${FIELDS.map((f) => `"${f}"`).join(", ")}, line_head, line_mid)
SELECT $1, r.trace_id, r.span_id, ${FIELDS.map((f) => {
  // Never NULL into the NOT NULL jsonb / array columns, whatever a row carried.
  if (f === "metadata" || f === "attributes") return `COALESCE(r.${f}, '{}'::jsonb)`;
  if (f === "tags") return `COALESCE(r.tags, ARRAY[]::text[])`;
  return `r."${f}"`;
}).join(", ")},
  ${lineHeadSql("r")}, ${lineMidSql("r")}
FROM jsonb_to_recordset($2::jsonb) AS r(${recordDefinition(SPAN_ROW_FIELDS)})
ON CONFLICT (app_id, trace_id, span_id) DO UPDATE SET
  ${FIELDS.map((f) => `"${f}" = EXCLUDED."${f}"`).join(",\n  ")},
  updated_at = CURRENT_TIMESTAMP`;

function cleanText(text: string): string {
  const noNul = text.includes("\u0000") ? text.replaceAll("\u0000", "") : text;
  return noNul.isWellFormed() ? noNul : noNul.toWellFormed();
}

function cleanValue(value: unknown): unknown {
  if (typeof value === "string") return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), cleanValue(v)]));
  }
  return value;
}

/**
 * PostgreSQL text and jsonb cannot hold NUL characters or lone UTF-16 surrogates; a single one would
 * fail the whole batch, so they are dropped / replaced (in keys too) while serialising.
 */
export function storableJson(rows: SpanRow[]): string {
  const fast = JSON.stringify(rows);
  // JSON.stringify writes exactly these as \u0000 and \udXXX escapes, so without a match there is
  // nothing to clean (a false match, e.g. a literal backslash-u in text, only costs the slow path).
  // A plain substring scan first: the case-insensitive pattern costs ~1 ms over a 600 KB batch.
  if (!fast.includes("\\u") || !/\\u0000|\\ud[89a-f]/i.test(fast)) return fast;
  return JSON.stringify(cleanValue(rows));
}

function compareKeys(a: SpanRow, b: SpanRow): number {
  if (a.trace_id !== b.trace_id) return a.trace_id < b.trace_id ? -1 : 1;
  return a.span_id < b.span_id ? -1 : a.span_id > b.span_id ? 1 : 0;
}

/** The upsert of a batch of rows for one app: its SQL and parameters. */
export function upsertStatement(appId: string, rows: SpanRow[]): [string, unknown[]] {
  // Rows are written in key order, so two batches that share spans lock them in the same order and
  // cannot deadlock each other.
  const ordered = [...rows].sort((a, b) => compareKeys(a, b));
  return [UPSERT_SQL, [appId, storableJson(ordered)]];
}

/** Upserts the rows for one app; returns the number of rows written. */
export async function upsertSpans(db: Db, appId: string, rows: SpanRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  // On the driver, not Prisma: a batch travels as one large JSON parameter (Db.execute says why).
  return db.execute(...upsertStatement(appId, rows));
}
