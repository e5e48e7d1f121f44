// The engine without HTTP, on a private in-memory PGlite (real SQL, its own schema, so this file can
// break its database on purpose): listPage for the Traces table, priming before the Response, the
// error trailer when a read fails midway, and cancellation stopping the reads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@prisma/client";
import { openMigratedDatabase, type Database } from "../../lib/db/client";
import { generatorStream, listPage, prepareExport, type ExportOutcome } from "../../lib/core/export";
import type { BodyPiece } from "../../lib/core/export/pipeline";
import { parseExportQuery } from "../../lib/core/filters";

let db: Database;
let prisma: PrismaClient;
const APP = "app_engine";
const ROWS = 1200;

const q = (qs: string) => parseExportQuery(new URLSearchParams(qs));
const opts = { retentionDays: 90 };

const text = (piece: BodyPiece | void) => (typeof piece === "string" || piece === undefined ? (piece ?? "") : new TextDecoder().decode(piece));

async function drain(gen: AsyncGenerator<BodyPiece, void, undefined>): Promise<string> {
  let out = "";
  for await (const chunk of gen) out += text(chunk);
  return out;
}

beforeAll(async () => {
  db = await openMigratedDatabase(undefined, "memory://");
  prisma = db.prisma;
  await prisma.$executeRaw`INSERT INTO span (app_id, trace_id, span_id, span_name, type, timestamp, input, output)
    SELECT ${APP}, 't' || (i % 10), 's' || lpad(i::text, 5, '0'), 'span ' || i, 'GENERATION',
      now() - make_interval(secs => i), '[{"role":"user","content":"hi"}]'::jsonb, '"hello"'::jsonb
    FROM generate_series(1, ${ROWS}) AS i`;
  await prisma.$executeRaw`INSERT INTO span (app_id, trace_id, span_id, span_name, type, timestamp)
    VALUES ('app_other', 't1', 's00001', 'foreign', 'SPAN', now())`;
  await prisma.$executeRaw`INSERT INTO score (id, app_id, trace_id, span_id, name, value) VALUES ('x1', ${APP}, 't1', NULL, 'q', 0.5)`;
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe("listPage", () => {
  it("returns one page in the jsonl shape, the total and the next cursor", async () => {
    const first = await listPage(db, APP, q("limit=50"), opts);
    expect(first.total).toBe(ROWS);
    expect(first.rows).toHaveLength(50);
    expect(first.rows[0]).toMatchObject({ span_id: "s00001", trace_id: "t1", input: [{ role: "user", content: "hi" }], output: "hello", scores: { q: 0.5 } });
    expect(first.nextCursor).toBeTruthy();
    const next = await listPage(db, APP, q(`limit=50&cursor=${first.nextCursor}`), opts);
    expect(next.rows[0].span_id).toBe("s00051");
    expect(next.total).toBe(ROWS);
  });

  it("honours lightweight and filters, and never crosses apps", async () => {
    const page = await listPage(db, APP, q("limit=5&lightweight=true&name=span%2012"), opts);
    expect(page.rows.map((r) => r.span_name)).toEqual(["span 12", "span 120", "span 121", "span 122", "span 123"]);
    for (const r of page.rows) for (const k of ["input", "output", "tool_calls"]) expect(r).not.toHaveProperty(k);
    expect(page.total).toBe(1 + 10 + 1); // span 12, span 120–129, span 1200
    const foreign = await listPage(db, APP, q("name=foreign"), opts);
    expect(foreign).toEqual({ rows: [], total: 0, nextCursor: null });
  });

  it("counts rows on the boundaries between the count's parts exactly once", async () => {
    // The count runs in pieces of the time window (COUNT_PARTS), split at its middle: rows on and
    // next to every bound, and just outside the window.
    const app = "app_engine_bounds";
    const at = ["2025-12-31T23:59:59.999", "2026-01-01T00:00:00.000", "2026-01-01T00:00:04.999", "2026-01-01T00:00:05.000", "2026-01-01T00:00:05.001", "2026-01-01T00:00:10.000", "2026-01-01T00:00:10.001"];
    for (const [i, ts] of at.entries()) {
      await prisma.$executeRaw`INSERT INTO span (app_id, trace_id, span_id, span_name, type, timestamp)
        VALUES (${app}, 'tb', ${`b${i}`}, 'bound', 'SPAN', ${`${ts}Z`}::timestamptz)`;
    }
    // [00:00:00, 00:00:10] holds the five rows from index 1 to 5; widened by 1 ms each side, all seven.
    for (const [from, to, rows] of [[1, 5, 5], [0, 6, 7]] as const) {
      const page = await listPage(db, app, q(`limit=50&startDate=${at[from]}Z&endDate=${at[to]}Z`), opts);
      expect(page.rows).toHaveLength(rows);
      expect(page.total).toBe(rows);
    }
  });

  it("returns nextCursor null on the last page", async () => {
    const page = await listPage(db, APP, q("limit=2000"), opts);
    expect(page.rows).toHaveLength(ROWS);
    expect(page.nextCursor).toBeNull();
  });
});

describe("the export pipeline", () => {
  it("reads the first chunk before the body is handed out", async () => {
    const outcomes: ExportOutcome[] = [];
    const prepared = await prepareExport(db, APP, q("limit=1200"), { ...opts, onEnd: (o) => outcomes.push(o) });
    expect(prepared.page).toBeUndefined(); // jsonl learns its page as it streams
    expect(await prepared.total).toBe(ROWS);
    const text = await drain(prepared.body);
    const lines = text.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines.at(-1)).toEqual({ _export_meta: { total: ROWS, exported: ROWS, skipped: 0, skip_reasons: {}, next_cursor: null } });
    // Chunks of 100 (an early first byte), 500, 500, 100.
    expect(outcomes).toEqual([{ status: "completed", chunksRead: 4, chunksPlanned: 4, exported: ROWS, skipped: 0, error: undefined }]);
  });

  it("stops reading when the stream is cancelled", async () => {
    const outcomes: ExportOutcome[] = [];
    const prepared = await prepareExport(db, APP, q("limit=1200"), { ...opts, onEnd: (o) => outcomes.push(o) });
    const reader = generatorStream(prepared.body).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0].status).toBe("cancelled");
    expect(outcomes[0].chunksRead).toBeLessThan(4);
  });

  it("stops reading at the next chunk once the request's signal aborts", async () => {
    const outcomes: ExportOutcome[] = [];
    const abort = new AbortController();
    const prepared = await prepareExport(db, APP, q("limit=1200"), { ...opts, signal: abort.signal, onEnd: (o) => outcomes.push(o) });
    const chunks: BodyPiece[] = [];
    for await (const c of prepared.body) {
      chunks.push(c);
      abort.abort();
    }
    expect(chunks).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ status: "cancelled", chunksRead: 1 });
  });

  it("fails before any byte when the first read fails, and ends a broken stream with an error line", async () => {
    const outcomes: ExportOutcome[] = [];
    const prepared = await prepareExport(db, APP, q("limit=1200"), { ...opts, onEnd: (o) => outcomes.push(o) });
    const first = await prepared.body.next();
    let resume: string | null = null;
    // Break the table under the running export: the second chunk's read fails.
    await prisma.$executeRawUnsafe(`ALTER TABLE span RENAME COLUMN span_name TO span_name_gone`);
    try {
      await expect(prepareExport(db, APP, q("limit=10"), opts)).rejects.toThrow();
      const rest = await drain(prepared.body);
      const lines = (text(first.value) + rest).trimEnd().split("\n").map((l) => JSON.parse(l));
      expect(lines).toHaveLength(101);
      const meta = lines.at(-1)._export_meta;
      expect(meta).toMatchObject({ total: ROWS, exported: 100, skipped: 0, skip_reasons: {} });
      expect(meta.error).toMatch(/failed midway/);
      resume = meta.next_cursor;
      expect(outcomes[0]).toMatchObject({ status: "failed", chunksRead: 1 });

      // CSV has no trailer: the stream itself errors, so the file cannot pass for complete.
      await prisma.$executeRawUnsafe(`ALTER TABLE span RENAME COLUMN span_name_gone TO span_name`);
      const csv = await prepareExport(db, APP, q("limit=1200&format=csv"), opts);
      await prisma.$executeRawUnsafe(`ALTER TABLE span RENAME COLUMN span_name TO span_name_gone`);
      const reader = generatorStream(csv.body).getReader();
      expect((await reader.read()).done).toBe(false);
      await expect(reader.read()).rejects.toThrow();
    } finally {
      await prisma.$executeRawUnsafe(`ALTER TABLE span RENAME COLUMN span_name_gone TO span_name`).catch(() => {});
    }
    // The error line's cursor resumes right after the last row written.
    const after = await listPage(db, APP, q(`limit=1&cursor=${resume}`), opts);
    expect(after.rows[0].span_id).toBe("s00101");
  });
});
