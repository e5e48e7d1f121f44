// The jsonl line is built by concatenation (row-lines.ts, lineOf) rather than by row_to_json, which
// looks up every column's type on every row; the bytes must stay row_to_json's, for every value a
// column can hold: text that JSON escapes (quotes, backslashes, control characters), non-ASCII text,
// nulls in every nullable column, floats whose text is not a JSON number (NaN, ±Infinity) or is an
// exponent, tags with escapes and null elements, jsonb of every kind, with and without `lightweight`;
// from the parts stored on the span (migration 20261208010000_span_line_parts) and from a row without them.
import { describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { backfillLineParts } from "../../lib/core/export/line-parts";
import { lineOf, rowLaterals } from "../../lib/core/export/row-lines";
import { upsertSpans } from "../../lib/core/ingest/upsert-spans";
import type { SpanRow } from "../../lib/core/ingest/span-row";
import { makeTenancy, testDb } from "../fixtures";
import { ago, generation, insertScores, insertSpans } from "./seed";

const ESCAPED = `q"uote \\ back\\slash \u0001\u001f ctl \b\f\n\r\t tab, ünï ✓ 🎉 \u007f del`;
const cutoff = new Date(Date.now() - 90 * 86_400_000);

describe("a jsonl line built by concatenation", () => {
  it("is byte for byte row_to_json's line, for every kind of value", async () => {
    const t = await makeTenancy("linesql");
    await insertSpans(t.appId, [
      generation("t0", "s0", ago(1), {
        name: ESCAPED, model: ESCAPED, userId: ESCAPED, tags: [ESCAPED, "", "plain"], metadata: { [ESCAPED]: ESCAPED },
        input: ESCAPED, output: [{ role: "assistant", content: ESCAPED }], toolCalls: [{ id: ESCAPED }],
        tools: [{ type: "function", function: { name: "f", description: ESCAPED } }], latencyMs: 1e-7, cost: 1e21,
        inputTokens: -1, outputTokens: 2147483647,
      }),
      generation("t1", "s1", ago(2), { model: null, userId: null, tags: [], latencyMs: null, cost: null, inputTokens: null, outputTokens: null, input: null, output: null }),
      generation("t2", "s2", ago(3), { input: 42, output: true, toolCalls: "text", tools: [], latencyMs: -0, cost: 123456789.25 }),
      generation("t3", "s3", ago(4), { input: { nested: { deep: [1, 2.5, null, "x"] } }, output: null, latencyMs: 0.1, cost: -3 }),
      generation("t4", "s4", ago(5)),
      generation("t5", "s5", ago(6)),
    ]);
    const db = await testDb();
    // Values no ingest path writes but a column can hold: floats whose text is not a JSON number, a
    // null inside the tags, span ids with escapes.
    await db.execute(`UPDATE span SET latency_ms = 'NaN', cost = 'Infinity', tags = ARRAY['a', NULL, $2] WHERE app_id = $1 AND span_id = 's4'`, [t.appId, ESCAPED]);
    await db.execute(`UPDATE span SET latency_ms = '-Infinity', cost = 'NaN', trace_id = $2 WHERE app_id = $1 AND span_id = 's5'`, [t.appId, ESCAPED]);
    await db.execute(`UPDATE span SET span_id = $2 WHERE app_id = $1 AND span_id = 's3'`, [t.appId, ESCAPED]);
    await insertScores(t.appId, [{ traceId: "t0", name: ESCAPED, value: 0.5 }, { traceId: "t1", name: "q", value: -1e-300 }]);
    // Every row has its parts, written on insert and anew by each UPDATE above.
    const [stored] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM span WHERE app_id = $1 AND line_head IS NOT NULL AND line_mid IS NOT NULL`, [t.appId]);
    expect(stored.n).toBe(6);
    const lines = await expectRowToJsonLines(t.appId, 6);
    // The values that do not read back as JSON numbers are strings, as row_to_json writes them.
    expect(lines.join("\n")).toContain('"latency_ms":"NaN"');
    // A row written before the parts existed (or by a writer that left them out) is built at read time.
    await db.execute(`UPDATE span SET line_head = NULL, line_mid = NULL WHERE app_id = $1`, [t.appId]);
    await expectRowToJsonLines(t.appId, 6);
  });

  it("is row_to_json's line for spans written by ingest, and for a re-sent span's new values", async () => {
    const t = await makeTenancy("linesqlingest");
    const row = (name: string, latency: number | null): SpanRow => ({
      trace_id: "t-ingest", span_id: "s-ingest", parent_span_id: null, span_name: name, type: "GENERATION", model: ESCAPED,
      status: "STATUS_CODE_OK", status_message: null, timestamp: "2026-12-01T10:11:12.345678Z", end_time: null, latency_ms: latency,
      input: { messages: [ESCAPED] }, output: ESCAPED, tool_calls: null, metadata: { k: ESCAPED }, user_id: null, session_id: null,
      tags: [ESCAPED], input_tokens: 3, output_tokens: null, cost: 0.25, tools: null, attributes: {},
    });
    const db = await testDb();
    await upsertSpans(db, t.appId, [row(ESCAPED, 1.5)]);
    await expectRowToJsonLines(t.appId, 1);
    // The same span again, changed: its update rewrites the parts.
    await upsertSpans(db, t.appId, [row("renamed", null)]);
    const lines = await expectRowToJsonLines(t.appId, 1);
    expect(lines[0]).toContain('"span_name":"renamed"');
    expect(lines[0]).toContain('"latency_ms":null');
  });

  it("is the same after the backfill writes the parts of rows that have none, batch by batch", async () => {
    const t = await makeTenancy("linesqlbackfill");
    await insertSpans(t.appId, Array.from({ length: 7 }, (_, i) =>
      generation(`tb${i}`, `sb${i}`, ago(i + 1), { name: i % 2 ? ESCAPED : `plain ${i}`, tags: i % 3 ? [ESCAPED] : [], cost: i % 2 ? null : i / 3 })));
    const db = await testDb();
    const before = await expectRowToJsonLines(t.appId, 7);
    await db.execute(`UPDATE span SET line_head = NULL, line_mid = NULL WHERE app_id = $1 AND span_id <> 'sb3'`, [t.appId]);
    const progress: number[] = [];
    expect(await backfillLineParts(db, { appId: t.appId, batch: 2, onBatch: (n) => progress.push(n) })).toBe(6);
    expect(progress).toEqual([2, 4, 6]);
    const [left] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM span WHERE app_id = $1 AND (line_head IS NULL OR line_mid IS NULL)`, [t.appId]);
    expect(left.n).toBe(0);
    expect(await expectRowToJsonLines(t.appId, 7)).toEqual(before);
    // Nothing left to write: a second run writes nothing.
    expect(await backfillLineParts(db, { appId: t.appId })).toBe(0);
  });
});

/** Checks that every line of the app's spans is row_to_json's, with and without `lightweight`; returns the full lines. */
async function expectRowToJsonLines(appId: string, count: number): Promise<string[]> {
  const db = await testDb();
  let full: string[] = [];
  for (const lightweight of [false, true]) {
    const sql = Prisma.sql`SELECT ${lineOf(lightweight)} AS line, row_to_json(r)::text AS expected
      FROM span s ${rowLaterals(lightweight, cutoff)} WHERE s.app_id = ${appId} ORDER BY s.timestamp DESC`;
    const rows = await db.query<{ line: string; expected: string }>(sql.text, sql.values);
    expect(rows).toHaveLength(count);
    for (const { line, expected } of rows) {
      expect(line, `lightweight=${lightweight}`).toBe(expected);
      JSON.parse(line);
    }
    if (!lightweight) full = rows.map((r) => r.line);
  }
  return full;
}
