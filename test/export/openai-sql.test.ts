// The openai page (unit=span) on PostgreSQL reads lean records (openai-sql.ts) and takes the lines of plain
// generations as PostgreSQL wrote them; every other row is built in JavaScript, as it is from the full
// jsonl rows (the keyset source, PGlite's path). Both must write the same bytes and the same trailer for
// every shape a span can hold and every option of unit=span.
import { describe, expect, it } from "vitest";
import { parseExportQuery } from "../../lib/core/filters";
import { prepareExport } from "../../lib/core/export/pipeline";
import { CopyLines } from "../../lib/core/export/copy-lines";
import { openaiPageCopySql } from "../../lib/core/export/openai-sql";
import type { Db } from "../../lib/core/db";
import { makeTenancy, testDb } from "../fixtures";
import { ago, generation, insertSpans, type SeedSpan } from "./seed";

const ESCAPED = `q"uote \\ back\\slash \u0001\u001f ctl \b\f\n\r\t tab, ünï ✓ 🎉 \u007f del \u2028 </script> 'x'`;
const call = (id: string) => ({ id, type: "function", function: { name: "lookup", arguments: '{"q":1}' } });

/** Input/output pairs of every kind: plain ones (written by PostgreSQL) and ones JavaScript must judge. */
const SHAPES: Partial<SeedSpan>[] = [
  {},
  { input: [{ role: "system", content: ESCAPED }, { role: "user", content: ESCAPED }], output: [{ role: "assistant", content: ESCAPED }] },
  { input: [], output: [{ role: "assistant", content: "" }] },
  { input: [{ role: "user", content: "hi", extra: 1 }], output: [{ role: "assistant", content: "a", meta: { x: 1 } }] },
  { input: [{ role: "user", content: "a" }, { role: "assistant", content: "b" }, { role: "user", content: "c" }], output: [{ role: "assistant", content: "d" }, { role: "assistant", content: "e" }] },
  { input: [{ role: "developer", content: "dev" }, { role: "user", content: "u" }] },
  { input: [{ role: "user", content: "u", name: "ann" }] },
  { input: [{ role: "user", content: "u", name: "" }] },
  { output: [{ role: "assistant", content: "w", weight: 0 }] },
  { output: [{ role: "assistant", content: "w", weight: null }] },
  { output: [{ role: "assistant", content: null, tool_calls: [call("c1")] }] },
  { output: [{ role: "assistant", content: "x", tool_calls: [] }] },
  { input: [{ role: "user", content: "u" }, { role: "assistant", content: null, tool_calls: [call("c1")] }, { role: "tool", tool_call_id: "c1", content: { ok: true } }] },
  { toolCalls: [{ id: "c9", name: "lookup", arguments: { q: 2 } }] },
  { toolCalls: [] },
  { toolCalls: { id: "c9" } },
  { tools: [{ type: "function", function: { name: "lookup", description: "d", parameters: { type: "object", properties: { q: { type: "string" } } } } }] },
  { tools: [] },
  { tools: { not: "a list" } },
  { input: "plain text prompt", output: "plain text answer" },
  { input: { messages: [{ role: "user", content: "wrapped" }] }, output: { role: "assistant", content: "one" } },
  { input: [{ role: "user", content: [{ type: "text", text: "parts " }, { type: "input_text", text: "joined" }] }] },
  { input: [{ role: "user", content: 42 }] },
  { input: [{ role: "user" }] },
  { input: [{ content: "no role" }] },
  { input: [{ role: null, content: "null role" }] },
  { input: [{ role: "robot", content: "odd role" }] },
  { input: ["a string message"] },
  { input: [null, 1] },
  { output: [{ role: "user", content: "not an answer" }] },
  { output: [] },
  { input: [], output: [] },
  { input: null, output: null },
  { input: 42, output: true },
  { output: [{ role: "assistant", content: 7 }] },
  { output: [{ role: "assistant", content: null }] },
  { output: [{ role: "assistant", content: "big ".repeat(400) }] },
];

async function seed(): Promise<string> {
  const t = await makeTenancy("openaisql");
  const spans: SeedSpan[] = [];
  SHAPES.forEach((shape, i) => {
    spans.push(generation(`t${i}`, `g${i}`, ago(i * 3 + 1), shape));
    spans.push(generation(`t${i}`, `d${i}`, ago(i * 3 + 2), shape)); // the same example twice (dedupe)
    spans.push({ traceId: `t${i}`, spanId: `s${i}`, timestamp: ago(i * 3 + 3), type: i % 2 ? "SPAN" : "EVENT", input: shape.input ?? "x", output: "y" });
  });
  // A span id and trace id that JSON and COPY both escape: the record's key must read back.
  spans.push(generation(ESCAPED, `z\t"${ESCAPED}`, ago(0.5)));
  await insertSpans(t.appId, spans);
  return t.appId;
}

async function body(db: Db, appId: string, params: string): Promise<string> {
  const p = await prepareExport(db, appId, parseExportQuery(new URLSearchParams(params)), { retentionDays: 90 });
  let out = "";
  for await (const piece of p.body) out += typeof piece === "string" ? piece : Buffer.from(piece).toString("utf8");
  return out;
}

describe("the openai page's lean records", () => {
  it("write what the full rows write, byte for byte, with every option of unit=span", async () => {
    const appId = await seed();
    const db = await testDb();
    expect(db.copyOut).toBeDefined();
    const keyset: Db = { ...db, copyOut: undefined }; // the full jsonl rows, formatted in JavaScript
    const base = `format=openai&startDate=${encodeURIComponent(ago(24 * 60))}`;
    const cases = ["", "&limit=7", "&maxTokens=30", "&dedupe=true", "&redact=true", "&dedupe=true&maxTokens=40", "&split=train&validationFraction=0.5"];
    for (const extra of cases) {
      let params = base + extra;
      for (let page = 0; page < 20; page++) {
        const [lean, full] = [await body(db, appId, params), await body(keyset, appId, params)];
        expect(lean, params).toBe(full);
        const meta = JSON.parse(lean.trim().split("\n").pop()!)._export_meta;
        if (extra === "") expect(meta.exported).toBeGreaterThan(20);
        if (!meta.next_cursor) break;
        params = `${base}${extra}&cursor=${encodeURIComponent(meta.next_cursor)}`;
      }
    }
  });

  it("carries plain generations as finished lines and the rest as fields or a skip", async () => {
    const appId = await seed();
    const db = await testDb();
    const q = parseExportQuery(new URLSearchParams(`format=openai&limit=1000&startDate=${encodeURIComponent(ago(24 * 60))}`));
    const kinds = async (lines: boolean) => {
      const out: Record<string, number> = {};
      const parts: Buffer[] = [];
      for await (const b of db.copyOut!(openaiPageCopySql(appId, q, new Date(Date.now() - 90 * 86_400_000), lines))) parts.push(b);
      const copied = new CopyLines(10_000);
      const text = copied.push(...parts).bytes.toString("utf8");
      copied.end();
      for (const record of text.trim().split("\n")) out[record[record.indexOf("\t") + 1]] = (out[record[record.indexOf("\t") + 1]] ?? 0) + 1;
      return out;
    };
    // Each shape twice as a generation (the escaped ids' span once more, plain) and once as another span.
    // Plain: the canonical one, escaped text, empty input, extra keys, several turns, a tool_calls column
    // or tools that offer nothing ([] or not a list), a long answer.
    const plain = 10;
    const withLines = await kinds(true);
    expect(withLines.N).toBe(SHAPES.length);
    expect(withLines.L).toBe(2 * plain + 1);
    expect(withLines.J).toBe(2 * (SHAPES.length - plain));
    expect(await kinds(false)).toEqual({ N: SHAPES.length, J: 2 * SHAPES.length + 1 });
  });
});
