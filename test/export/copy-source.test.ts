// jsonl and csv are read with COPY (copy-source.ts) whenever the database is reached over the wire
// (PostgreSQL, or the tests' PGlite served by pglite-socket; only in-process PGlite has no COPY), and
// COPY statements carry their values as literals (inline-sql.ts). The inlined statement reads what the
// bound one reads, for values that need quoting; the jsonl and openai COPY bodies are byte for byte the
// keyset bodies, page after page; the csv COPY body (csv-sql.ts) has the pages and cells papaparse
// writes; and, on PostgreSQL, a body stopped halfway ends the COPY on the server (PGlite's one backend
// lists no COPY in pg_stat_activity, so that check needs a server and is skipped by name without one).
import { describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import Papa from "papaparse";
import { parseExportQuery } from "../../lib/core/filters";
import { prepareExport, type BodyPiece } from "../../lib/core/export/pipeline";
import { inlineSql } from "../../lib/core/export/inline-sql";
import { filteredSpans } from "../../lib/core/export/where-sql";
import type { Db } from "../../lib/core/db";
import { makeTenancy, testDb } from "../fixtures";
import { ago, generation, insertScores, insertSpans } from "./seed";

const NASTY = `it's a \\ back'slash "quoted" ünï ✓ 🎉 %_ line\nbreak\ttab`;
/** Cells papaparse treats specially: formula starts, spaces at the ends, commas, quotes, CR, a byte order mark. */
const CELLS = ["=1+1", "+x", "-y", "@z", "\tt", "\rr", " lead", "trail ", "a,b", 'q"q', "cr\rlf\n", "\ufeffbom", "", "plain", "'=quoted"];
const cutoff = new Date(Date.now() - 90 * 86_400_000);

async function seedNasty(appId: string, rows: number): Promise<void> {
  const spans = Array.from({ length: rows }, (_, i) =>
    generation(`t${i % 7}`, `s${String(i).padStart(4, "0")}`, ago(i / 10 + 1), {
      name: i % 3 === 0 ? NASTY : `plain ${i}`,
      metadata: { note: NASTY, n: String(i % 4) },
      input: [{ role: "user", content: `${NASTY} ${i}` }],
      output: [{ role: "assistant", content: i % 2 ? NASTY : "\\" }],
      tags: [NASTY, "t"],
      tools: i % 2 ? [{ type: "function", function: { name: "note", description: NASTY, parameters: { type: "object" } } }] : null,
    }),
  );
  await insertSpans(appId, spans);
  await insertScores(appId, [{ traceId: "t1", name: "q", value: -0.5 }, { traceId: "t2", name: "q", value: 0.25 }]);
}

async function bodyText(db: Db, appId: string, qs: string): Promise<string> {
  const prepared = await prepareExport(db, appId, parseExportQuery(new URLSearchParams(qs)), { retentionDays: 90 });
  const parts: Buffer[] = [];
  for await (const piece of prepared.body as AsyncGenerator<BodyPiece>) parts.push(Buffer.from(piece));
  return Buffer.concat(parts).toString("utf8");
}

describe("values written into COPY statements", () => {
  it("read the same rows as bind parameters, for values that need quoting", async () => {
    const t = await makeTenancy("inline");
    await seedNasty(t.appId, 30);
    const db = await testDb();
    const queries = [
      `name=${encodeURIComponent(NASTY.slice(0, 20))}`,
      `metadata_key=note&metadata_value=${encodeURIComponent(NASTY)}`,
      `tag=${encodeURIComponent(NASTY)}`,
      `score=${encodeURIComponent("q>-1")}&score=${encodeURIComponent("q<=-0.5")}`,
      `startDate=${encodeURIComponent(ago(2).replace("Z", "123Z"))}&minScore=-0.5`,
    ];
    for (const qs of queries) {
      const sql = Prisma.sql`SELECT s.span_id ${filteredSpans(t.appId, parseExportQuery(new URLSearchParams(qs)), cutoff)} ORDER BY s.span_id`;
      const bound = await db.query<{ span_id: string }>(sql.text, sql.values);
      expect(bound.length, qs).toBeGreaterThan(0);
      expect(await db.query(inlineSql(sql), []), qs).toEqual(bound);
    }
  });
});

describe("bodies read by COPY", () => {
  it("writes byte for byte the rows the keyset path writes, page after page (jsonl, openai)", async () => {
    const t = await makeTenancy("copybody");
    await seedNasty(t.appId, 130);
    const db = await testDb();
    expect(db.copyOut).toBeDefined();
    const keysetOnly: Db = { ...db, copyOut: undefined };
    for (const qs of ["limit=50", "limit=50&lightweight=true", "limit=7&score=q%3E%3D-1", "limit=2000", `limit=3&name=${encodeURIComponent(NASTY.slice(0, 8))}`, "limit=40&format=openai"]) {
      // The window is fixed, so both reads see the same rows and the same total.
      let query = `${qs}&startDate=${ago(60)}&endDate=${ago(0)}`;
      for (let page = 0; page < 4; page++) {
        const [viaCopy, viaKeyset] = [await bodyText(db, t.appId, query), await bodyText(keysetOnly, t.appId, query)];
        expect(viaCopy, `${query} page ${page}`).toBe(viaKeyset);
        const meta = JSON.parse(viaCopy.trimEnd().split("\n").at(-1)!)._export_meta;
        expect(meta.exported).toBeGreaterThan(0);
        if (!meta.next_cursor) break;
        query = `${qs}&startDate=${ago(60)}&endDate=${ago(0)}&cursor=${meta.next_cursor}`;
      }
    }
  });

  it("writes csv pages with the figures and rows the papaparse path has, page after page, ties too", async () => {
    const t = await makeTenancy("copycsvpages");
    await seedNasty(t.appId, 60);
    const tied = ago(0.5);
    await insertSpans(t.appId, Array.from({ length: 25 }, (_, i) => generation(`tie${i % 3}`, `tie${String(i).padStart(2, "0")}`, tied)));
    const db = await testDb();
    const papaOnly: Db = { ...db, copyOut: undefined };
    const page = async (reader: Db, query: string) => {
      const prepared = await prepareExport(reader, t.appId, parseExportQuery(new URLSearchParams(query)), { retentionDays: 90 });
      const parts: Buffer[] = [];
      for await (const piece of prepared.body as AsyncGenerator<BodyPiece>) parts.push(Buffer.from(piece));
      const rows = Papa.parse<Record<string, string>>(Buffer.concat(parts).toString("utf8"), { header: true, skipEmptyLines: true }).data;
      return { ...prepared.page!, total: await prepared.total, ids: rows.map((r) => `${r.trace_id}/${r.span_id}`) };
    };
    for (const qs of ["limit=9", "limit=9&lightweight=true", "limit=4&score=q%3E%3D-1", "limit=2000"]) {
      const seen: string[] = [];
      let query = `format=csv&${qs}&startDate=${ago(60)}&endDate=${ago(0)}`;
      for (let n = 0; n < 20; n++) {
        const [viaCopy, viaPapa] = [await page(db, query), await page(papaOnly, query)];
        expect(viaCopy, `${query} page ${n}`).toEqual(viaPapa);
        expect(viaCopy.ids).toHaveLength(viaCopy.rows);
        seen.push(...viaCopy.ids);
        if (!viaCopy.nextCursor) break;
        query = `format=csv&${qs}&startDate=${ago(60)}&endDate=${ago(0)}&cursor=${viaCopy.nextCursor}`;
      }
      expect(new Set(seen).size, qs).toBe(seen.length);
      if (!qs.includes("score")) expect(seen, qs).toHaveLength(85);
    }
  });

  it("writes csv cells as papaparse does, for every cell it treats specially", async () => {
    const t = await makeTenancy("copycsv");
    await seedNasty(t.appId, 20);
    await insertSpans(t.appId, CELLS.map((c, i) => generation(`tc${i}`, `c${i}`, ago(i / 10 + 0.5), {
      name: c, userId: c || null, model: c || null, metadata: { c }, tags: [c], input: c, output: [{ role: "assistant", content: c }],
      latencyMs: [0.1, 1e-7, 123456789.25, -3][i % 4], cost: i % 2 ? null : 1e21, inputTokens: i,
      tools: [{ type: "function", function: { name: "f", description: c } }],
    })));
    // The same cells alone in a row of plain ones, as its trace id (the record's first cell) or span id:
    // PostgreSQL checks a row's text cells together first (csv-sql.ts), and only then cell by cell.
    const alone = CELLS.filter(Boolean);
    await insertSpans(t.appId, alone.flatMap((c, i) => [
      generation(c, `alone${i}`, ago(i / 10 + 0.55), { name: "plain", userId: "u", model: "m" }),
      generation(`ta${i}`, c, ago(i / 10 + 0.56), { name: "plain", userId: "u", model: "m" }),
    ]));
    // JSON cells that are negative numbers: papaparse gives them a ' and quotes, as any text starting with "-";
    // PostgreSQL's own CSV writer would not (csv-sql.ts sends such a row down the rules' path).
    await insertSpans(t.appId, [generation("tneg", "neg", ago(0.45), { name: "plain", userId: "u", model: "m", input: -1.5, output: 2 })]);
    const db = await testDb();
    const papaOnly: Db = { ...db, copyOut: undefined };
    const NESTED = new Set(["input", "output", "tool_calls", "metadata", "tags", "scores", "tools"]);
    for (const qs of ["limit=2000", "limit=7&lightweight=true", `limit=2000&name=${encodeURIComponent("'")}`]) {
      const query = `format=csv&${qs}&startDate=${ago(60)}&endDate=${ago(0)}`;
      const [viaCopy, viaPapa] = [await bodyText(db, t.appId, query), await bodyText(papaOnly, t.appId, query)];
      expect(viaCopy.endsWith("\r\n")).toBe(true);
      const [a, b] = [viaCopy, viaPapa].map((text) => Papa.parse<string[]>(text, { skipEmptyLines: true }));
      expect(a.errors).toEqual([]);
      expect(a.data.length).toBe(b.data.length);
      expect(a.data.length).toBeGreaterThan(1);
      const header = b.data[0];
      expect(a.data[0]).toEqual(header);
      a.data.slice(1).forEach((row, r) =>
        row.forEach((cell, k) => {
          const other = b.data[r + 1][k];
          const where = `${qs} row ${r} ${header[k]}`;
          // JSON text may differ in spacing, extreme floats in their digits: compared by value.
          if (NESTED.has(header[k]) && other !== "") expect(JSON.parse(cell.replace(/^'/, "")), where).toEqual(JSON.parse(other.replace(/^'/, "")));
          else if (["latency_ms", "cost", "input_tokens", "output_tokens"].includes(header[k])) expect(Number(cell), where).toBe(Number(other));
          else expect(cell, where).toBe(other);
        }),
      );
      // Quoted exactly where papaparse quotes: the raw text of the text cells is the same.
      for (const c of CELLS.filter(Boolean)) {
        const raw = Papa.unparse([[c]], { escapeFormulae: /^[=+\-@\t\r]/ });
        if (qs !== "limit=2000") continue;
        for (const text of [viaCopy, viaPapa]) expect(text).toContain(`,"'-1.5",2,`);
        expect(viaCopy, JSON.stringify(c)).toContain(`,${raw},`);
        expect(viaCopy, `${JSON.stringify(c)} as a trace id`).toContain(`\n${raw},alone`);
      }
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("a COPY stopped halfway (needs PostgreSQL: set TEST_DATABASE_URL)", () => {
  it.each(["limit=1500", "limit=1500&format=csv"])("ends the COPY on the server when the body stops halfway (%s)", async (qs) => {
    const t = await makeTenancy(`copystop${qs.length}`);
    const filler = "y".repeat(16_000);
    await insertSpans(t.appId, Array.from({ length: 1500 }, (_, i) => generation("stop", `p${i}`, ago(i / 100 + 1), { input: [{ role: "user", content: filler }] })));
    const db = await testDb();
    // pg_stat_activity keeps a statement's first 1,024 bytes (track_activity_query_size), which for a
    // jsonl page end before its app id; so the page's COPY is told apart by starting after `since`,
    // and other tests' COPYs, which take milliseconds, end on their own.
    const [{ since }] = await db.query<{ since: string }>("SELECT clock_timestamp()::text AS since", []);
    const copies = () =>
      db.query<{ pid: number; started: string }>(
        `SELECT pid, query_start::text AS started FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'COPY (%' AND query_start >= $1::timestamptz`,
        [since],
      );

    const prepared = await prepareExport(db, t.appId, parseExportQuery(new URLSearchParams(qs)), { retentionDays: 90 });
    const first = await prepared.body.next();
    expect(first.done).toBe(false);
    // ~24 MB is on its way: far more than socket buffers hold, so the COPY is still running.
    const ours = await copies();
    expect(ours.length).toBeGreaterThanOrEqual(1);
    const running = async () => (await copies()).filter((c) => ours.some((o) => o.pid === c.pid && o.started === c.started)).length;
    await prepared.body.return(undefined);
    const deadline = Date.now() + 10_000;
    while ((await running()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await running()).toBe(0);
  });
});
