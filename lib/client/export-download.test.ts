import { describe, expect, it } from "vitest";
import { exportFilename } from "@/lib/core/export/filename";
import { ExportStreamError, exportUrl, readTrailer } from "./export-download";

const enc = (s: string) => new TextEncoder().encode(s);
const meta = { total: 5, exported: 2, skipped: 0, skip_reasons: {}, next_cursor: "abc" };

describe("readTrailer", () => {
  it("returns the figures and where the rows end", () => {
    const rows = '{"a":1}\n{"a":2}\n';
    const body = enc(rows + JSON.stringify({ _export_meta: meta }) + "\n");
    const t = readTrailer(body);
    expect(t.meta).toEqual(meta);
    expect(new TextDecoder().decode(body.subarray(0, t.start))).toBe(rows);
  });

  it("accepts a trailer without a final newline and an export with no rows", () => {
    const t = readTrailer(enc(JSON.stringify({ _export_meta: { ...meta, exported: 0 } })));
    expect(t.start).toBe(0);
    expect(t.meta.exported).toBe(0);
  });

  it("refuses a body whose last line is a row (cut off in transit)", () => {
    expect(() => readTrailer(enc('{"a":1}\n{"a":2}\n'))).toThrow(ExportStreamError);
    expect(() => readTrailer(enc('{"a":1}\n{"a":'))).toThrow(/cut off/);
    expect(() => readTrailer(enc(""))).toThrow(ExportStreamError);
  });

  it("refuses a trailer that reports an error, quoting it", () => {
    const line = JSON.stringify({ _export_meta: { error: "database went away", exported: 1, skipped: 0, skip_reasons: {}, total: null, next_cursor: "x" } });
    expect(() => readTrailer(enc(`{"a":1}\n${line}\n`))).toThrow(/database went away/);
  });
});

describe("exportUrl and exportFilename", () => {
  it("adds format and limit to exactly the table's query string", () => {
    const url = exportUrl("startDate=2026-11-01&score=correctness%3E%3D0.8&score=tone%3C0.3&appId=app_x", "openai", 200);
    const sp = new URL(url, "http://x").searchParams;
    expect(new URL(url, "http://x").pathname).toBe("/v1/traces/export");
    expect(sp.getAll("score")).toEqual(["correctness>=0.8", "tone<0.3"]);
    expect(sp.get("appId")).toBe("app_x");
    expect(sp.get("format")).toBe("openai");
    expect(sp.get("limit")).toBe("200");
  });

  it("names files <appId>-<format>-<date>.<ext>, openai as .jsonl", () => {
    const d = new Date(2026, 10, 5, 23, 59);
    expect(exportFilename("app_demo", "jsonl", d)).toBe("app_demo-jsonl-2026-11-05.jsonl");
    expect(exportFilename("app_demo", "openai", d)).toBe("app_demo-openai-2026-11-05.jsonl");
    expect(exportFilename("app_demo", "csv", d)).toBe("app_demo-csv-2026-11-05.csv");
  });
});
