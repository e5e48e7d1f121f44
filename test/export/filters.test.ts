// Every export filter (lib/core/filters.ts) alone and combined, over real HTTP, in all three formats.
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTenancy, type Tenancy } from "../fixtures";
import { FILTER_CASES, ROW_SCORES, seedFilterFixture } from "./filter-fixture";
import { callExport, exportNdjson, exportRows } from "./http";

let t: Tenancy;
beforeAll(async () => {
  t = await makeTenancy("filters");
  await seedFilterFixture(t);
});

describe("export filters (jsonl)", () => {
  it.each(FILTER_CASES)("%s", async (_label, params, expected) => {
    const { rows, meta } = await exportRows(t, params);
    expect(rows.map((r) => r.span_id)).toEqual(expected);
    expect(meta).toEqual({ total: expected.length, exported: expected.length, skipped: 0, skip_reasons: {}, next_cursor: null });
  });

  it("carries each row's scores: own + trace-level, newest per name, within retention", async () => {
    const { rows } = await exportRows(t);
    expect(Object.fromEntries(rows.map((r) => [r.span_id, r.scores]))).toEqual(ROW_SCORES);
  });
});

describe("export filters in the other formats", () => {
  it.each(FILTER_CASES.filter((_, i) => i % 3 === 0))("csv: %s", async (_label, params, expected) => {
    const res = await callExport(t, { ...params, format: "csv" });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.span_id)).toEqual(expected);
    expect(res.headers.get("x-export-total")).toBe(String(expected.length));
  });

  it.each(FILTER_CASES.filter((_, i) => i % 3 === 1))("openai: %s", async (_label, params, expected) => {
    const { lines, meta } = await exportNdjson(t, { ...params, format: "openai" });
    const generations = expected.filter((id) => !["s3", "s4"].includes(id));
    expect(lines.length).toBe(generations.length);
    // Each example's user message names its span (seed.ts), so the rows can be told apart.
    const ids = lines.map((l) => /Question (s\d)/.exec(JSON.stringify(l))?.[1]);
    expect(ids).toEqual(generations);
    expect(meta.total).toBe(expected.length);
    expect(meta.exported + meta.skipped).toBe(expected.length);
  });
});
