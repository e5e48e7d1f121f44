// The staged jsonl → Parquet conversion, read back by DuckDB: columns, types, JSON text, timestamps
// with microseconds, and lightweight rows without the heavy columns.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { jsonlToParquet } from "./parquet";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fw-pq-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const row = {
  trace_id: "t1", span_id: "s1", span_name: "chat", type: "GENERATION", model: "m", status: "STATUS_CODE_OK", latency_ms: 1.5,
  timestamp: "2026-11-01T12:00:00.123456Z", input: [{ role: "user", content: "hi" }], output: "plain", tool_calls: null,
  metadata: { k: "v" }, user_id: null, tags: ["a", "b"], input_tokens: 3, output_tokens: 4, cost: 0.25, scores: { c: 0.5 }, tools: null,
};

async function read(file: string, sql: string) {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  try {
    await con.run("SET TimeZone = 'UTC'");
    return (await con.runAndReadAll(sql.replace("$F", `read_parquet('${file}')`))).getRowObjectsJson();
  } finally {
    con.closeSync();
    db.closeSync();
  }
}

describe("jsonlToParquet", () => {
  it("writes one column per field, nested values as JSON text, timestamp in UTC with microseconds", async () => {
    const src = path.join(dir, "in.jsonl");
    const dest = path.join(dir, "out.parquet");
    await writeFile(src, `${JSON.stringify(row)}\n${JSON.stringify({ ...row, span_id: "s2", input: "text", tags: [] })}\n`);
    await jsonlToParquet(src, dest, false);
    const types = await read(dest, "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM $F)");
    expect(types.map((t) => t.column_name)).toEqual(Object.keys(row));
    expect(Object.fromEntries(types.map((t) => [t.column_name, t.column_type]))).toMatchObject({ timestamp: "TIMESTAMP WITH TIME ZONE", input: "VARCHAR", tags: "VARCHAR[]", latency_ms: "DOUBLE", input_tokens: "BIGINT" });
    const rows = await read(dest, "SELECT span_id, epoch_us(timestamp) AS us, input, metadata, scores, tags FROM $F ORDER BY span_id");
    expect(rows[0]).toMatchObject({ span_id: "s1", input: '[{"role":"user","content":"hi"}]', metadata: '{"k":"v"}', scores: '{"c":0.5}' });
    expect(String(rows[0].us)).toBe(String(Date.UTC(2026, 10, 1, 12, 0, 0) * 1000 + 123456));
    expect(rows[1]).toMatchObject({ input: '"text"', tags: [] });
  });

  it("leaves the heavy columns out for lightweight rows, and takes an empty file", async () => {
    const src = path.join(dir, "in.jsonl");
    const dest = path.join(dir, "out.parquet");
    await writeFile(src, "");
    await jsonlToParquet(src, dest, true);
    const types = await read(dest, "SELECT column_name FROM (DESCRIBE SELECT * FROM $F)");
    expect(types.map((t) => t.column_name)).not.toContain("input");
    expect(await read(dest, "SELECT count(*) AS n FROM $F")).toEqual([{ n: "0" }]);
  });
});
