// Keyset pagination: following next_cursor visits every matching row exactly once, in order, however
// many rows share a timestamp and while new rows keep arriving (docs/export.md, "Figures").
import { beforeAll, describe, expect, it } from "vitest";
import { makeTenancy, type Tenancy } from "../fixtures";
import type { ExportRow } from "../../lib/core/export";
import { ago, insertSpans, type SeedSpan } from "./seed";
import { callExport, exportRows, walk } from "./http";
import { decodeCursor } from "../../lib/core/cursor";

const SHARED_TS = "2026-11-10T08:00:00.500000Z";
const window = { startDate: "2026-11-01T00:00:00Z", endDate: "2026-11-30T00:00:00Z" };

/** The export order: timestamp, span id, trace id, all descending (code-point order for these ASCII ids). */
function exportOrder(a: SeedSpan, b: SeedSpan): number {
  const ta = Date.parse(String(a.timestamp)) * 1000 + Number(String(a.timestamp).slice(23, 26));
  const tb = Date.parse(String(b.timestamp)) * 1000 + Number(String(b.timestamp).slice(23, 26));
  if (ta !== tb) return tb - ta;
  if (a.spanId !== b.spanId) return a.spanId < b.spanId ? 1 : -1;
  return a.traceId < b.traceId ? 1 : a.traceId > b.traceId ? -1 : 0;
}

const key = (r: { trace_id: string; span_id: string }) => `${r.trace_id}/${r.span_id}`;

function expectOnceEach(rows: ExportRow[], expected: SeedSpan[]) {
  const seen = rows.map(key);
  expect(new Set(seen).size).toBe(seen.length); // no repeats
  expect(seen).toEqual(expected.map((s) => `${s.traceId}/${s.spanId}`)); // no loss, in order
}

describe("cursor walks", () => {
  let t: Tenancy;
  let spans: SeedSpan[];
  beforeAll(async () => {
    t = await makeTenancy("cursor");
    spans = [];
    // 320 rows on one timestamp; span ids repeat across traces so the trace id must break ties too.
    for (let i = 0; i < 320; i++) {
      spans.push({ traceId: `trace-${String(i % 7).padStart(2, "0")}`, spanId: `span-${String(Math.floor(i / 2)).padStart(4, "0")}-${i % 2 ? "b" : "a"}`, timestamp: SHARED_TS });
    }
    // Same span id, many traces.
    for (let i = 0; i < 12; i++) spans.push({ traceId: `dup-${String(i).padStart(2, "0")}`, spanId: "span-same", timestamp: SHARED_TS });
    // Neighbours one microsecond apart: a cursor that dropped microseconds would skip or repeat them.
    for (let i = 0; i < 15; i++) {
      spans.push({ traceId: "micro", spanId: `m${String(i).padStart(2, "0")}`, timestamp: `2026-11-10T08:00:00.${String(500001 + i).padStart(6, "0")}Z` });
      spans.push({ traceId: "micro", spanId: `n${String(i).padStart(2, "0")}`, timestamp: `2026-11-10T08:00:00.${String(499999 - i).padStart(6, "0")}Z` });
    }
    await insertSpans(t.appId, spans);
    spans.sort(exportOrder);
  });

  it("limit=1 steps through rows one microsecond apart", async () => {
    for (const range of [
      { startDate: "2026-11-10T08:00:00.500001Z", endDate: "2026-11-10T08:00:00.500015Z" },
      { startDate: "2026-11-10T08:00:00.499985Z", endDate: "2026-11-10T08:00:00.499999Z" },
    ]) {
      const { rows, pages } = await walk(t, { ...range, limit: 1, lightweight: true });
      expect(pages).toBe(15);
      const inRange = spans.filter((s) => s.timestamp >= range.startDate && s.timestamp <= range.endDate);
      expect(inRange).toHaveLength(15);
      expectOnceEach(rows, inRange);
    }
  });

  it.each([7, 50, 100, 331, 361, 362, 2000])("limit=%i visits every row exactly once", async (limit) => {
    const { rows, pages } = await walk(t, { ...window, limit, lightweight: true });
    expectOnceEach(rows, spans);
    expect(pages).toBe(Math.max(1, Math.ceil(spans.length / limit)));
  }, 180_000);

  it("next_cursor is null exactly when no rows remain (page size = remaining rows)", async () => {
    const exact = await exportRows(t, { ...window, limit: spans.length });
    expect(exact.rows).toHaveLength(spans.length);
    expect(exact.meta.next_cursor).toBeNull();
    const short = await exportRows(t, { ...window, limit: spans.length - 1 });
    expect(short.meta.next_cursor).not.toBeNull();
    const last = await exportRows(t, { ...window, limit: 5, cursor: short.meta.next_cursor! });
    expect(last.rows.map(key)).toEqual([`${spans.at(-1)!.traceId}/${spans.at(-1)!.spanId}`]);
    expect(last.meta.next_cursor).toBeNull();
    expect(last.meta.total).toBe(spans.length);
  });

  it("keeps its place while rows arrive: older ones are reached, none is lost or repeated", async () => {
    const live = await makeTenancy("cursorlive");
    const base: SeedSpan[] = [];
    for (let i = 0; i < 330; i++) base.push({ traceId: `t${i % 5}`, spanId: `s${String(i).padStart(4, "0")}`, timestamp: SHARED_TS });
    for (let i = 0; i < 40; i++) base.push({ traceId: "older", spanId: `o${String(i).padStart(3, "0")}`, timestamp: `2026-11-09T0${i % 10}:00:00Z` });
    await insertSpans(live.appId, base);

    // After each page, rows arrive on both sides of the cursor: the walk must reach the ones that sort
    // after its position exactly once and never return to the ones before it.
    const arrivedAhead: SeedSpan[] = [];
    const arrivedBehind: SeedSpan[] = [];
    const { rows } = await walk(live, { ...window, limit: 37, lightweight: true }, async (page, last) => {
      const position: SeedSpan = { traceId: last.trace_id, spanId: last.span_id, timestamp: last.timestamp };
      const arrivals: SeedSpan[] = [
        { traceId: "late", spanId: `late-older-${page}`, timestamp: `2026-11-08T12:00:${String(page).padStart(2, "0")}Z` },
        { traceId: "late", spanId: `s0000-${page}`, timestamp: SHARED_TS },
        { traceId: "late", spanId: `s0200-${page}`, timestamp: SHARED_TS },
        { traceId: "late", spanId: `zz-${page}`, timestamp: SHARED_TS },
        { traceId: "late", spanId: `newer-${page}`, timestamp: "2026-11-20T00:00:00Z" },
      ];
      for (const a of arrivals) (exportOrder(position, a) < 0 ? arrivedAhead : arrivedBehind).push(a);
      await insertSpans(live.appId, arrivals);
    });
    expect(arrivedAhead.length).toBeGreaterThan(10);
    expect(arrivedBehind.length).toBeGreaterThan(10);
    const seen = rows.map(key);
    expect(new Set(seen).size).toBe(seen.length);
    for (const s of base) expect(seen).toContain(`${s.traceId}/${s.spanId}`);
    for (const s of arrivedAhead) expect(seen).toContain(`${s.traceId}/${s.spanId}`);
    for (const s of arrivedBehind) expect(seen).not.toContain(`${s.traceId}/${s.spanId}`);
    expect(seen).toHaveLength(base.length + arrivedAhead.length);
    // Strictly descending in (timestamp, span id, trace id).
    const sorted = [...rows].sort((a, b) =>
      exportOrder(
        { traceId: a.trace_id, spanId: a.span_id, timestamp: a.timestamp },
        { traceId: b.trace_id, spanId: b.span_id, timestamp: b.timestamp },
      ),
    );
    expect(rows.map(key)).toEqual(sorted.map(key));
  }, 180_000);

  it("a cursor keeps the filters' meaning: it only positions, it never widens", async () => {
    const mixed = await makeTenancy("cursorfilter");
    const rows: SeedSpan[] = [];
    for (let i = 0; i < 60; i++) rows.push({ traceId: "f", spanId: `f${String(i).padStart(2, "0")}`, timestamp: ago(i + 1), type: i % 3 ? "SPAN" : "EVENT" });
    await insertSpans(mixed.appId, rows);
    const { rows: events } = await walk(mixed, { type: "EVENT", limit: 6 });
    expect(events.map((r) => r.span_id)).toEqual(rows.filter((r) => r.type === "EVENT").map((r) => r.spanId));
  });

  // `total` is counted by the first page of a walk and carried in its cursors (docs/export.md "Figures").
  describe("a walk's total", () => {
    let w: Tenancy;
    const seeded: SeedSpan[] = [];
    beforeAll(async () => {
      w = await makeTenancy("walktotal");
      // Within the default 30-day window: the walk below leaves startDate and endDate to default.
      for (let i = 0; i < 230; i++) seeded.push({ traceId: `w${i % 9}`, spanId: `w${String(i).padStart(4, "0")}`, timestamp: ago(60 * (i + 1)), type: i % 4 ? "SPAN" : "EVENT" });
      await insertSpans(w.appId, seeded);
    });

    it("is the same on every page and equals the rows the walk visits", async () => {
      const totals: number[] = [];
      let cursor: string | undefined;
      let visited = 0;
      for (;;) {
        const { rows, meta } = await exportRows(w, { limit: 40, lightweight: true, cursor });
        totals.push(meta.total);
        visited += rows.length;
        if (meta.next_cursor === null) break;
        // The cursor carries the first page's count for these filters.
        expect(decodeCursor(meta.next_cursor)?.walk?.total).toBe(totals[0]);
        cursor = meta.next_cursor;
      }
      expect(totals).toHaveLength(Math.ceil(seeded.length / 40));
      expect(new Set(totals)).toEqual(new Set([seeded.length]));
      expect(visited).toBe(seeded.length);
    });

    it("holds for filtered walks, csv headers and unit=trace examples too", async () => {
      const events = seeded.filter((s) => s.type === "EVENT").length;
      const { rows, pages } = await walk(w, { type: "EVENT", limit: 7, lightweight: true });
      expect(rows).toHaveLength(events);
      expect(pages).toBeGreaterThan(2);
      // csv: the figures travel as headers, the cursor too.
      let cursor: string | null = null;
      let csvRows = 0;
      do {
        const res: Response = await callExport(w, { format: "csv", type: "EVENT", limit: 25, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        expect(Number(res.headers.get("x-export-total"))).toBe(events);
        csvRows += Number(res.headers.get("x-export-exported"));
        cursor = res.headers.get("x-export-next-cursor") || null;
        await res.text();
      } while (cursor);
      expect(csvRows).toBe(events);
    });

    it("is counted anew when a cursor comes back with other filters", async () => {
      const first = await exportRows(w, { type: "EVENT", limit: 10, lightweight: true });
      expect(first.meta.total).toBe(seeded.filter((s) => s.type === "EVENT").length);
      // The EVENT walk's cursor with type=SPAN: its total was counted under other filters, so not taken.
      const other = await exportRows(w, { type: "SPAN", limit: 10, lightweight: true, cursor: first.meta.next_cursor! });
      expect(other.meta.total).toBe(seeded.filter((s) => s.type === "SPAN").length);
      expect(decodeCursor(other.meta.next_cursor!)?.walk?.total).toBe(other.meta.total);
    });

    it("counts the rows at the walk's start: newer rows arriving during it are neither counted nor visited", async () => {
      const live = await makeTenancy("walklive");
      const base: SeedSpan[] = Array.from({ length: 50 }, (_, i) => ({ traceId: "l", spanId: `l${String(i).padStart(3, "0")}`, timestamp: ago(120 * (i + 1)) }));
      await insertSpans(live.appId, base);
      const { rows } = await walk(live, { limit: 10, lightweight: true }, async (page) => {
        await insertSpans(live.appId, [{ traceId: "l", spanId: `new${page}`, timestamp: ago(1) }]);
      });
      expect(rows).toHaveLength(base.length);
      // A new walk counts them.
      const fresh = await exportRows(live, { limit: 1, lightweight: true });
      expect(fresh.meta.total).toBe(base.length + 4);
    });

    it("rejects a cursor whose carried figures are malformed", async () => {
      const first = await exportRows(w, { limit: 10, lightweight: true });
      const c = decodeCursor(first.meta.next_cursor!)!;
      const forged = Buffer.from(JSON.stringify([c.ts, c.spanId, c.traceId, -1, c.walk!.key, c.walk!.from])).toString("base64url");
      const res = await callExport(w, { limit: 10, cursor: forged });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("cursor");
    });
  });
});
