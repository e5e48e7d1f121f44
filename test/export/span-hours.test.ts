// The hourly span counts (migration 20261207180000_span_hours, lib/core/export/span-hours.ts): the
// triggers keep them equal to count(*) of the span rows on every write path (ingest, a re-sent span,
// score writes, the retention job, deletes, TRUNCATE), and a count read from them is the count the scan
// gives, with type/model/status filters and windows that cut hours in two; a query they cannot answer
// goes to the score rollup or the scan.
import { describe, expect, it } from "vitest";
import { parseExportQuery, type ExportQuery } from "../../lib/core/filters";
import { countByScan, countMatching } from "../../lib/core/export/page-keys";
import { countFromSpanHours, spanHourPlan } from "../../lib/core/export/span-hours";
import { upsertSpans } from "../../lib/core/ingest/upsert-spans";
import { deleteExpiredScores, retentionCutoff } from "../../lib/core/retention";
import { makeTenancy, testDb } from "../fixtures";
import { insertScores, insertSpans, spanRow, type SeedSpan } from "./seed";

const HOUR = 3_600_000;
/** The start of the hour `k` hours before the current one. */
const hourStart = (k: number) => new Date((Math.floor(Date.now() / HOUR) - k) * HOUR);
const at = (k: number, minute: number) => new Date(hourStart(k).getTime() + minute * 60_000).toISOString();
const T = (i: number) => i.toString(16).padStart(32, "0");

const COUNTS = `
  SELECT hour, type, model, status, n::int AS n FROM span_hour WHERE app_id = $1 AND n <> 0
  ORDER BY hour, type, model, status`;
// The counts' definition, computed from scratch.
const FROM_SPANS = `
  SELECT floor(extract(epoch FROM timestamp) / 3600)::int AS hour, type, coalesce(model, '') AS model, status, count(*)::int AS n
  FROM span WHERE app_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`;

interface CountRow { hour: number; type: string; model: string; status: string; n: number }

async function expectCountsFollowSpans(appId: string): Promise<CountRow[]> {
  const db = await testDb();
  const counts = await db.query<CountRow>(COUNTS, [appId]);
  expect(counts).toEqual(await db.query(FROM_SPANS, [appId]));
  return counts;
}

describe("hourly span counts", () => {
  it("stay equal to count(*) of the span rows on every write path", async () => {
    const t = await makeTenancy("spanhours");
    const db = await testDb();
    await insertSpans(t.appId, [
      { traceId: T(1), spanId: "a1", timestamp: at(5, 10), type: "GENERATION", model: "m1", status: "STATUS_CODE_OK" },
      { traceId: T(1), spanId: "a2", timestamp: at(5, 20), type: "SPAN" },
      { traceId: T(2), spanId: "b1", timestamp: at(3, 30), type: "GENERATION", model: "m2", status: "STATUS_CODE_ERROR" },
      { traceId: T(3), spanId: "c1", timestamp: at(3, 40), type: "EVENT" },
    ]);
    expect((await expectCountsFollowSpans(t.appId)).reduce((n, r) => n + r.n, 0)).toBe(4);

    // Ingest: new spans, then the same batch again (idempotent: updates, no new rows), then a re-sent
    // span moved to another hour, type, model and status.
    const batch = [spanRow(T(4), "d1", at(2, 0)), spanRow(T(4), "d2", at(2, 1), { type: "GENERATION", model: "m1" })];
    await upsertSpans(db, t.appId, batch);
    const ingested = await expectCountsFollowSpans(t.appId);
    await upsertSpans(db, t.appId, batch);
    expect(await expectCountsFollowSpans(t.appId)).toEqual(ingested);
    await upsertSpans(db, t.appId, [spanRow(T(1), "a1", at(1, 5), { type: "EVENT", model: "m3", status: "STATUS_CODE_ERROR" })]);
    const moved = await expectCountsFollowSpans(t.appId);
    expect(moved.some((r) => r.model === "m3")).toBe(true);
    expect(moved.some((r) => r.model === "m1" && r.type === "GENERATION" && r.hour === ingested[0].hour)).toBe(false);

    // Score writes rewrite spans (the scores column) and move no count; the retention job likewise.
    await insertScores(t.appId, [
      { traceId: T(2), name: "q", value: 0.5 },
      { traceId: T(3), name: "old", value: 2, createdAt: new Date(Date.now() - 100 * 86_400_000) },
    ]);
    expect(await expectCountsFollowSpans(t.appId)).toEqual(moved);
    await deleteExpiredScores(db, 90, { appId: t.appId });
    expect(await expectCountsFollowSpans(t.appId)).toEqual(moved);

    // Spans deleted.
    await db.prisma.span.deleteMany({ where: { appId: t.appId, traceId: T(2) } });
    expect((await expectCountsFollowSpans(t.appId)).some((r) => r.model === "m2")).toBe(false);
  });

  it("count exactly what the scan counts, with filters and partial hours", async () => {
    const t = await makeTenancy("spanhourcount");
    const types = ["GENERATION", "SPAN", "EVENT"] as const;
    const statuses = ["STATUS_CODE_OK", "STATUS_CODE_ERROR", "STATUS_CODE_UNSET"] as const;
    const spans: SeedSpan[] = [];
    // 12 hours, 6 traces an hour, 2 spans a trace.
    for (let h = 0; h < 12; h++) {
      for (let i = 0; i < 6; i++) {
        const n = h * 6 + i;
        for (let k = 0; k < 2; k++) {
          spans.push({
            traceId: T(1000 + n), spanId: `s${n}_${k}`, timestamp: at(h + 1, (i * 9 + k * 4) % 60),
            type: types[(n + k) % 3], model: (n + k) % 3 === 0 ? ["m1", "m2"][n % 2] : null, status: statuses[n % 3],
          });
        }
      }
    }
    await insertSpans(t.appId, spans);
    const db = await testDb();
    const cutoff = retentionCutoff(90);
    const windows = [
      "",
      `startDate=${at(10, 17)}`,
      `startDate=${at(9, 0)}&endDate=${at(2, 30)}`,
      `startDate=${at(6, 45).replace("Z", "123Z")}&endDate=${at(4, 0)}`,
    ];
    const extras = ["", "&type=GENERATION", "&type=GENERATION&model=m1", "&status=STATUS_CODE_ERROR", "&type=EVENT&status=STATUS_CODE_OK", "&model=m2"];
    let nonZero = 0;
    for (const w of windows) {
      for (const extra of extras) {
        const q = parseExportQuery(new URLSearchParams(`${w}${extra}`));
        expect(spanHourPlan(q)).not.toBeNull();
        const scanned = await countByScan(db, t.appId, q, cutoff);
        expect({ q: `${w}${extra}`, n: await countFromSpanHours(db, t.appId, q, cutoff) }).toEqual({ q: `${w}${extra}`, n: scanned });
        expect(await countMatching(db, t.appId, q, cutoff)).toBe(scanned);
        if (scanned > 0) nonZero++;
      }
    }
    expect(nonZero).toBeGreaterThan((windows.length * extras.length) / 2);
  });

  it("leave to the scan what they cannot answer: scores, other filters, a split, no whole hour", () => {
    const q = (qs: string): ExportQuery => parseExportQuery(new URLSearchParams(qs));
    for (const qs of ["score=q>=0.5", "minScore=0.5", "name=x", "tag=x", "userId=u", "metadata_key=k&metadata_value=v",
      "format=openai&split=train", `startDate=${at(3, 10)}&endDate=${at(2, 50)}`]) {
      expect({ qs, plan: spanHourPlan(q(qs)) }).toEqual({ qs, plan: null });
    }
    expect(spanHourPlan(q("type=GENERATION&model=m1&status=STATUS_CODE_OK"))).not.toBeNull();
  });

  it("are emptied with the span table by TRUNCATE", async () => {
    const t = await makeTenancy("spanhourtrunc");
    await insertSpans(t.appId, [{ traceId: T(1), spanId: "a1", timestamp: at(2, 0) }]);
    const db = await testDb();
    // Inside a transaction that is rolled back: other tests' spans share the table.
    const rolledBack = new Error("rolled back");
    const inside = await db.prisma
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe("TRUNCATE span CASCADE");
        const [{ n }] = await tx.$queryRawUnsafe<{ n: number }[]>("SELECT count(*)::int AS n FROM span_hour");
        throw Object.assign(rolledBack, { n });
      })
      .catch((err: Error & { n?: number }) => (err === rolledBack ? err.n : Promise.reject(err)));
    expect(inside).toBe(0);
    expect((await expectCountsFollowSpans(t.appId)).length).toBe(1);
  });
});
