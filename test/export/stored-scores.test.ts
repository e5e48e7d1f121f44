// The scores denormalised onto each span row (migration 20261125120000_span_scores): the triggers keep
// `span.scores` right on every write path — scores inserted, updated and deleted with plain SQL or
// Prisma, spans inserted before or after their trace's scores, spans re-sent through ingest — and the
// readers fall back to the exact lookup for a row whose stored scores include an expired one.
import { describe, expect, it } from "vitest";
import { listPage } from "../../lib/core/export";
import { parseExportQuery } from "../../lib/core/filters";
import { upsertSpans } from "../../lib/core/ingest/upsert-spans";
import type { SpanRow } from "../../lib/core/ingest/span-row";
import { deleteExpiredScores } from "../../lib/core/retention";
import { makeTenancy, testDb } from "../fixtures";
import { ago, insertScores, insertSpans } from "./seed";

const DAY_MIN = 24 * 60;
const T1 = "a".repeat(32);
const T2 = "b".repeat(32);

async function stored(appId: string): Promise<Record<string, { scores: unknown; oldest: string | null }>> {
  const { prisma } = await testDb();
  const rows = await prisma.span.findMany({ where: { appId }, select: { spanId: true, scores: true, scoresOldestAt: true } });
  return Object.fromEntries(rows.map((r) => [r.spanId, { scores: r.scores, oldest: r.scoresOldestAt?.toISOString() ?? null }]));
}

async function rowScores(appId: string, qs = "", retentionDays = 90): Promise<Record<string, unknown>> {
  const page = await listPage(await testDb(), appId, parseExportQuery(new URLSearchParams(`lightweight=true&${qs}`)), { retentionDays });
  return Object.fromEntries(page.rows.map((r) => [r.span_id, r.scores]));
}

function spanRow(traceId: string, spanId: string, name = "ingested"): SpanRow {
  return {
    trace_id: traceId, span_id: spanId, parent_span_id: null, span_name: name, type: "SPAN", model: null,
    status: "STATUS_CODE_UNSET", status_message: null, timestamp: ago(5), end_time: null, latency_ms: null,
    input: null, output: null, tool_calls: null, metadata: {}, user_id: null, session_id: null, tags: [],
    input_tokens: null, output_tokens: null, cost: null, tools: null, attributes: {},
  };
}

describe("scores stored on span rows", () => {
  it("follows scores inserted, updated and deleted after the spans", async () => {
    const t = await makeTenancy("stored");
    await insertSpans(t.appId, [
      { traceId: T1, spanId: "s1", timestamp: ago(10) },
      { traceId: T1, spanId: "s2", timestamp: ago(9) },
      { traceId: T2, spanId: "s3", timestamp: ago(8) },
    ]);
    expect(await stored(t.appId)).toEqual({ s1: { scores: {}, oldest: null }, s2: { scores: {}, oldest: null }, s3: { scores: {}, oldest: null } });

    const older = ago(30);
    await insertScores(t.appId, [
      { traceId: T1, name: "q", value: 0.5, createdAt: older },
      { traceId: T1, spanId: "s2", name: "q", value: 0.25, createdAt: ago(20) },
      { traceId: T1, spanId: "s1", name: "h", value: 1, createdAt: ago(25) },
    ]);
    const after = await stored(t.appId);
    expect(after.s1).toEqual({ scores: { q: 0.5, h: 1 }, oldest: new Date(older).toISOString() });
    expect(after.s2.scores).toEqual({ q: 0.25 });
    expect(after.s3).toEqual({ scores: {}, oldest: null });

    // A newer trace-level score of the same name wins on every span of the trace.
    await insertScores(t.appId, [{ traceId: T1, name: "q", value: 0.75 }]);
    expect((await stored(t.appId)).s2.scores).toEqual({ q: 0.75 });

    // Prisma writes go through the same triggers: update one score, delete another.
    const { prisma } = await testDb();
    await prisma.score.updateMany({ where: { appId: t.appId, name: "h" }, data: { value: 0.125 } });
    expect((await stored(t.appId)).s1.scores).toEqual({ q: 0.75, h: 0.125 });
    await prisma.score.deleteMany({ where: { appId: t.appId, name: "q", value: 0.75 } });
    const now = await stored(t.appId);
    expect(now.s1.scores).toEqual({ q: 0.5, h: 0.125 });
    expect(now.s2.scores).toEqual({ q: 0.25 });
    expect(await rowScores(t.appId)).toEqual({ s1: { q: 0.5, h: 0.125 }, s2: { q: 0.25 }, s3: {} });
  });

  it("gives a span inserted after its trace was scored the trace's scores, and keeps them when it is re-sent", async () => {
    const t = await makeTenancy("storedlate");
    const db = await testDb();
    await upsertSpans(db, t.appId, [spanRow(T1, "1".repeat(16))]);
    await insertScores(t.appId, [{ traceId: T1, name: "quality", value: 0.9 }]);
    await upsertSpans(db, t.appId, [spanRow(T1, "2".repeat(16))]);
    await upsertSpans(db, t.appId, [spanRow(T1, "3".repeat(16)), spanRow(T2, "4".repeat(16))]);
    // A re-sent span updates its row in place; its scores stay.
    await upsertSpans(db, t.appId, [spanRow(T1, "1".repeat(16), "re-sent")]);
    const rows = await stored(t.appId);
    for (const id of ["1", "2", "3"]) expect(rows[id.repeat(16)].scores).toEqual({ quality: 0.9 });
    expect(rows["4".repeat(16)].scores).toEqual({});
    expect(await rowScores(t.appId, "score=quality%3E%3D0.9")).toEqual({
      ["3".repeat(16)]: { quality: 0.9 },
      ["2".repeat(16)]: { quality: 0.9 },
      ["1".repeat(16)]: { quality: 0.9 },
    });
  });

  it("never shows or filters on a stored score past retention, before and after the job deletes it", async () => {
    const t = await makeTenancy("storedexpiry");
    await insertSpans(t.appId, [{ traceId: T1, spanId: "s1", timestamp: ago(10) }]);
    await insertScores(t.appId, [
      { traceId: T1, name: "old", value: 1, createdAt: ago(40 * DAY_MIN) },
      { traceId: T1, name: "fresh", value: 0.5, createdAt: ago(10) },
    ]);
    // Stored: both. Read with a 30-day window: only the fresh one, and a filter on the old one matches nothing.
    expect((await stored(t.appId)).s1.scores).toEqual({ old: 1, fresh: 0.5 });
    expect(await rowScores(t.appId, "", 30)).toEqual({ s1: { fresh: 0.5 } });
    expect(await rowScores(t.appId, "score=old%3D1", 30)).toEqual({});
    expect(await rowScores(t.appId, "minScore=0.9", 30)).toEqual({});
    expect(await rowScores(t.appId, "score=fresh%3D0.5", 30)).toEqual({ s1: { fresh: 0.5 } });
    // With a 90-day window the old score is still current.
    expect(await rowScores(t.appId, "score=old%3D1", 90)).toEqual({ s1: { old: 1, fresh: 0.5 } });

    expect(await deleteExpiredScores(await testDb(), 30, { appId: t.appId })).toEqual({ deleted: 1 });
    const after = (await stored(t.appId)).s1;
    expect(after.scores).toEqual({ fresh: 0.5 });
    expect(Date.now() - Date.parse(after.oldest!)).toBeLessThan(DAY_MIN * 60_000);
    expect(await rowScores(t.appId, "", 30)).toEqual({ s1: { fresh: 0.5 } });
  });
});
