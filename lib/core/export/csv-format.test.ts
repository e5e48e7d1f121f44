import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, csvColumns, csvHeader, csvRows } from "./csv-format";
import type { ExportRow } from "./types";

const base: ExportRow = {
  trace_id: "t", span_id: "s", span_name: "n", type: "SPAN", model: null, status: "STATUS_CODE_OK", latency_ms: -1.5,
  timestamp: "2026-11-01T00:00:00.000001Z", input: "text", output: { a: [1, "x,y"] }, tool_calls: null,
  metadata: { k: "=v" }, user_id: null, tags: ["a", "b"], input_tokens: 0, output_tokens: null, cost: -0.25, scores: { q: 1 },
  tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object" } } }],
};

describe("csv format", () => {
  it("writes a CRLF header and rows that parse back cell for cell", () => {
    const names = ["plain", 'a "quoted", word', "multi\nline\r\nend", "ünïcødé 🚀", "=1+1", "+x", "-x", "@x", "\tx", "\rx", "=a\nb"];
    const rows = names.map((span_name, i) => ({ ...base, span_id: `s${i}`, span_name }));
    const cols = csvColumns(false);
    const text = csvHeader(cols) + csvRows(cols, rows.slice(0, 4)) + csvRows(cols, rows.slice(4));
    expect(text.startsWith(CSV_COLUMNS.join(",") + "\r\n")).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((r) => r.span_name)).toEqual(names.map((n) => (/^[=+\-@\t\r]/.test(n) ? `'${n}` : n)));
    const first = parsed.data[0];
    expect(JSON.parse(first.input)).toBe("text");
    expect(JSON.parse(first.output)).toEqual({ a: [1, "x,y"] });
    expect(JSON.parse(first.metadata)).toEqual({ k: "=v" });
    expect(JSON.parse(first.tags)).toEqual(["a", "b"]);
    expect(JSON.parse(first.scores)).toEqual({ q: 1 });
    expect(JSON.parse(first.tools)).toEqual(base.tools);
    expect(first.tool_calls).toBe("");
    expect(first.model).toBe("");
    expect(first.input_tokens).toBe("0");
    // Numbers are never treated as formulas.
    expect(first.latency_ms).toBe("-1.5");
    expect(first.cost).toBe("-0.25");
  });

  it("leaves out the content columns and tools when lightweight", () => {
    expect(csvColumns(true)).toEqual(CSV_COLUMNS.filter((c) => !["input", "output", "tool_calls", "tools"].includes(c)));
    const { input: _i, output: _o, tool_calls: _t, tools: _d, ...light } = base;
    const text = csvRows(csvColumns(true), [light as ExportRow]);
    expect(Papa.parse<string[]>(text.trimEnd()).data[0]).toHaveLength(15);
  });

  it("writes nothing for no rows", () => {
    expect(csvRows(csvColumns(false), [])).toBe("");
  });
});
