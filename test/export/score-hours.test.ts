// The hourly score rollup (migration 20261125300000_score_hours, lib/core/export/score-hours.ts): the
// triggers keep it equal to what the span rows say on every write path, and a count read from it is
// the count the scan gives, for every operator, on value ties, with type/model/status filters and
// windows that cut hours in two; a query it cannot answer exactly goes to the scan.
import { describe, expect, it } from "vitest";
import { SCORE_OPS, parseExportQuery, type ExportQuery } from "../../lib/core/filters";
import { countByScan, countMatching } from "../../lib/core/export/page-keys";
import { countFromScoreHours, hourPlan, nextDown } from "../../lib/core/export/score-hours";
import { upsertSpans } from "../../lib/core/ingest/upsert-spans";
import { deleteExpiredScores, retentionCutoff } from "../../lib/core/retention";
import { makeTenancy, testDb } from "../fixtures";
import { insertScores, insertSpans, spanRow, type SeedSpan } from "./seed";

const HOUR = 3_600_000;
/** The start of the hour `k` hours before the current one. */
const hourStart = (k: number) => new Date((Math.floor(Date.now() / HOUR) - k) * HOUR);
const at = (k: number, minute: number) => new Date(hourStart(k).getTime() + minute * 60_000).toISOString();

const ROLLUP = `
  SELECT name, hour, type, model, status, bucket, vals, n, oldest_at FROM span_score_hour WHERE app_id = $1 AND bucket > -2147483648
  ORDER BY name, hour, type, model, status, bucket`;
// The rollup's definition, computed from scratch.
const FROM_SPANS = `
  SELECT e.key AS name, floor(extract(epoch FROM s.timestamp) / 3600)::int AS hour, s.type,
    coalesce(s.model, '') AS model, s.status, least(greatest(floor(e.value::float8 * 8), -1e9), 1e9)::int AS bucket,
    array_agg(e.value::float8 ORDER BY e.value::float8) AS vals, count(*)::int AS n, min(s.scores_oldest_at) AS oldest_at
  FROM span s CROSS JOIN LATERAL jsonb_each(s.scores) e
  WHERE s.app_id = $1 AND s.scores_oldest_at IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`;

interface RollupRow { name: string; hour: number; type: string; model: string; status: string; vals: number[] }

const SUMMARIES = `
  SELECT name, hour, type, model, status, n, ids, cum FROM span_score_hour WHERE app_id = $1 AND bucket = -2147483648
  ORDER BY name, hour, type, model, status`;

/** The summary rows the bucket rows call for: per group, the buckets in order and the running numbers. */
function summariesOf(rows: (RollupRow & { bucket: number; n: number })[]) {
  const out: { name: string; hour: number; type: string; model: string; status: string; n: number; ids: number[]; cum: number[] }[] = [];
  for (const r of rows) {
    const last = out.at(-1);
    const same = last && last.name === r.name && last.hour === r.hour && last.type === r.type && last.model === r.model && last.status === r.status;
    if (same) {
      last.n += r.n;
      last.ids.push(r.bucket);
      last.cum.push(last.n);
    } else {
      out.push({ name: r.name, hour: r.hour, type: r.type, model: r.model, status: r.status, n: r.n, ids: [r.bucket], cum: [r.n] });
    }
  }
  return out;
}

async function expectRollupFollowsSpans(appId: string): Promise<RollupRow[]> {
  const db = await testDb();
  const rollup = await db.query<RollupRow & { bucket: number; n: number }>(ROLLUP, [appId]);
  expect(rollup).toEqual(await db.query(FROM_SPANS, [appId]));
  expect(await db.query(SUMMARIES, [appId])).toEqual(summariesOf(rollup));
  return rollup;
}

const T = (i: number) => i.toString(16).padStart(32, "0");
// 0.5, 0.25, -3, 1 and 7 are buckets' lower edges (edgeBucket: `>=` and `<` read the summary rows alone).
const THRESHOLDS = [0.5, 0.55, 0.3, 0.25, -3, 1, 7, 2e300];

describe("hourly score rollup", () => {
  it("stays equal to a recomputation from the span rows on every write path", async () => {
    const t = await makeTenancy("hours");
    const db = await testDb();
    await insertSpans(t.appId, [
      { traceId: T(1), spanId: "a1", timestamp: at(5, 10), type: "GENERATION", model: "m1", status: "STATUS_CODE_OK" },
      { traceId: T(1), spanId: "a2", timestamp: at(5, 20), type: "SPAN" },
      { traceId: T(2), spanId: "b1", timestamp: at(3, 30), type: "GENERATION", model: "m2", status: "STATUS_CODE_ERROR" },
      { traceId: T(3), spanId: "c1", timestamp: at(3, 40), type: "EVENT" },
    ]);
    expect(await expectRollupFollowsSpans(t.appId)).toEqual([]);

    const earlier = new Date(Date.now() - 60_000);
    await insertScores(t.appId, [
      { traceId: T(1), name: "q", value: 0.5, createdAt: earlier },
      { traceId: T(1), spanId: "a2", name: "q", value: 0.25 },
      { traceId: T(2), name: "q", value: 0.5 },
      { traceId: T(2), name: "h", value: 1 },
    ]);
    // Ordered by name, then hour (the older hour first).
    expect((await expectRollupFollowsSpans(t.appId)).map((r) => [r.name, r.type, r.model, r.status, r.vals])).toEqual([
      ["h", "GENERATION", "m2", "STATUS_CODE_ERROR", [1]],
      ["q", "GENERATION", "m1", "STATUS_CODE_OK", [0.5]],
      ["q", "SPAN", "", "STATUS_CODE_UNSET", [0.25]],
      ["q", "GENERATION", "m2", "STATUS_CODE_ERROR", [0.5]],
    ]);

    // Prisma writes: a value changes, a score goes.
    await db.prisma.score.updateMany({ where: { appId: t.appId, name: "h" }, data: { value: 0.125 } });
    await expectRollupFollowsSpans(t.appId);
    await db.prisma.score.deleteMany({ where: { appId: t.appId, traceId: T(1), spanId: "a2" } });
    await expectRollupFollowsSpans(t.appId);

    // Ingest re-sends a scored span into another hour with another type and model: both hours change.
    await upsertSpans(db, t.appId, [spanRow(T(1), "a1", at(1, 5), { type: "EVENT", model: "m3" })]);
    const moved = await expectRollupFollowsSpans(t.appId);
    expect(moved.some((r) => r.model === "m3")).toBe(true);
    expect(moved.some((r) => r.model === "m1")).toBe(false);

    // A new span of a scored trace picks its trace's scores up, and the rollup with them.
    await upsertSpans(db, t.appId, [spanRow(T(2), "b2", at(2, 0))]);
    expect((await expectRollupFollowsSpans(t.appId)).length).toBeGreaterThan(moved.length);

    // The retention job deletes an expired score.
    await insertScores(t.appId, [{ traceId: T(3), name: "old", value: 2, createdAt: new Date(Date.now() - 100 * 86_400_000) }]);
    expect((await expectRollupFollowsSpans(t.appId)).some((r) => r.name === "old")).toBe(true);
    await deleteExpiredScores(db, 90, { appId: t.appId });
    expect((await expectRollupFollowsSpans(t.appId)).some((r) => r.name === "old")).toBe(false);

    // Spans deleted.
    await db.prisma.span.deleteMany({ where: { appId: t.appId, traceId: T(2) } });
    const left = await expectRollupFollowsSpans(t.appId);
    expect(left.some((r) => r.model === "m2")).toBe(false);
  });

  it("counts exactly what the scan counts, for every operator, on ties, with filters and partial hours", async () => {
    const t = await makeTenancy("hourcount");
    const types = ["GENERATION", "SPAN", "EVENT"] as const;
    const statuses = ["STATUS_CODE_OK", "STATUS_CODE_ERROR", "STATUS_CODE_UNSET"] as const;
    const spans: SeedSpan[] = [];
    const scores: { traceId: string; spanId?: string; name: string; value: number }[] = [];
    // 12 hours, 6 traces an hour, 2 spans a trace; values repeat so ties are common.
    for (let h = 0; h < 12; h++) {
      for (let i = 0; i < 6; i++) {
        const n = h * 6 + i;
        const trace = T(1000 + n);
        for (let k = 0; k < 2; k++) {
          spans.push({
            traceId: trace, spanId: `s${n}_${k}`, timestamp: at(h + 1, (i * 9 + k * 4) % 60),
            type: types[(n + k) % 3], model: (n + k) % 3 === 0 ? ["m1", "m2"][n % 2] : null, status: statuses[n % 3],
          });
        }
        if (n % 5 !== 4) scores.push({ traceId: trace, name: "q", value: [0, 0.25, 0.5, 0.5, 1, -3, 0.55, 1e300][n % 8] });
        if (n % 4 === 0) scores.push({ traceId: trace, spanId: `s${n}_1`, name: "q", value: 0.75 });
        if (n % 3 === 0) scores.push({ traceId: trace, name: "other", value: n });
      }
    }
    await insertSpans(t.appId, spans);
    await insertScores(t.appId, scores);
    const db = await testDb();
    const cutoff = retentionCutoff(90);

    const windows = [
      "",
      `&startDate=${at(10, 17)}`,
      `&startDate=${at(9, 0)}&endDate=${at(2, 30)}`,
      `&startDate=${at(6, 45).replace("Z", "123Z")}&endDate=${at(4, 0)}`,
      // Both ends close to their hour's start and end: each partial hour is its whole rollup hour minus
      // the part outside the window (partialHours), the end to the microsecond.
      `&startDate=${at(8, 5)}&endDate=${at(3, 38).replace("Z", "456Z")}`,
    ];
    const extras = ["", "&type=GENERATION", "&type=GENERATION&model=m1", "&status=STATUS_CODE_ERROR", "&type=EVENT&status=STATUS_CODE_OK"];
    let compared = 0;
    let nonZero = 0;
    for (const op of SCORE_OPS) {
      // 0.5 and 0.55 share a value bucket (floor(v × 8)); 1e300 and 2e300 share the clamped top one.
      for (const value of THRESHOLDS) {
        for (const w of windows) {
          for (const extra of extras) {
            const q = parseExportQuery(new URLSearchParams(`score=${encodeURIComponent(`q${op}${value}`)}${w}${extra}`));
            expect(hourPlan(q)).not.toBeNull();
            const fromHours = await countFromScoreHours(db, t.appId, q, cutoff);
            const scanned = await countByScan(db, t.appId, q, cutoff);
            expect({ q: `${op}${value}${w}${extra}`, n: fromHours }).toEqual({ q: `${op}${value}${w}${extra}`, n: scanned });
            compared++;
            if (scanned > 0) nonZero++;
          }
        }
      }
    }
    expect(compared).toBe(SCORE_OPS.length * THRESHOLDS.length * windows.length * extras.length);
    expect(nonZero).toBeGreaterThan(compared / 2);
  });

  it("leaves to the scan what it cannot answer exactly: other filters, no whole hour, expired scores", async () => {
    const t = await makeTenancy("hourscan");
    const db = await testDb();
    const cutoff = retentionCutoff(90);
    const q = (qs: string): ExportQuery => parseExportQuery(new URLSearchParams(qs));

    for (const qs of ["score=q>=0.5&score=h>=0", "minScore=0.5", "score=q>=0.5&name=x", "score=q>=0.5&tag=x",
      "score=q>=0.5&userId=u", "score=q>=0.5&metadata_key=k&metadata_value=v", "type=GENERATION",
      `score=q>=0.5&startDate=${at(3, 10)}&endDate=${at(2, 50)}`]) {
      expect(hourPlan(q(qs))).toBeNull();
    }

    // The stored value says 0.9, but that score expired (the retention job has not run): the row has no q.
    await insertSpans(t.appId, [{ traceId: T(1), spanId: "x1", timestamp: at(4, 30) }, { traceId: T(2), spanId: "x2", timestamp: at(4, 40) }]);
    await insertScores(t.appId, [
      { traceId: T(1), name: "q", value: 0.9, createdAt: new Date(Date.now() - 91 * 86_400_000) },
      { traceId: T(2), name: "q", value: 0.8 },
    ]);
    const scored = q("score=q>=0.5");
    expect(hourPlan(scored)).not.toBeNull();
    expect(await countFromScoreHours(db, t.appId, scored, cutoff)).toBeNull();
    expect(await countMatching(db, t.appId, scored, cutoff)).toBe(1);
  });

  it("asks `v < x` as `v <= nextDown(x)`", () => {
    for (const x of [0.5, 1, -3, 0, -0, 1e-300, -1e-300, 123456.789, Number.MAX_VALUE]) {
      const below = nextDown(x);
      expect(below).toBeLessThan(x);
      // No double lies strictly between them: their midpoint rounds to one of the two.
      const mid = below / 2 + x / 2;
      expect(mid === below || mid === x).toBe(true);
    }
  });
});
