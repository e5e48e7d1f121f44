// POST /v1/scores against the real server: stored rows, all-or-nothing 422 for unknown traces/spans,
// validation 400s, auth, and the scores showing up in (and filtering) the export rows.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { baseUrl, makeTenancy, testDb, type Tenancy } from "../fixtures";
import { authHeaders } from "./otel";

const storedSchema = z.object({
  count: z.number(),
  ids: z.array(z.string()),
  scores: z.array(
    z.object({
      id: z.string(),
      trace_id: z.string(),
      span_id: z.string().nullable(),
      name: z.string(),
      value: z.number(),
      label: z.string().nullable(),
      comment: z.string().nullable(),
      source: z.enum(["eval", "human", "api"]),
      created_at: z.string(),
    }),
  ),
});
const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    status: z.number(),
    detail: z.string(),
    invalid_params: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  }),
});

const TRACE = "0123456789abcdef0123456789abcdef";
const ROOT = "aaaaaaaaaaaaaaaa";
const CHILD = "bbbbbbbbbbbbbbbb";

async function postScores(t: Tenancy | null, payload: unknown) {
  return fetch(`${baseUrl()}/v1/scores`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(t ? authHeaders(t) : {}) },
    body: typeof payload === "string" ? payload : JSON.stringify(payload),
  });
}

async function ingestTrace(t: Tenancy) {
  const now = BigInt(Date.now()) * 1_000_000n;
  const span = (spanId: string, name: string, parent?: string) => ({
    traceId: TRACE,
    spanId,
    parentSpanId: parent,
    name,
    startTimeUnixNano: String(now),
    endTimeUnixNano: String(now + 1_000_000n),
    attributes: [{ key: "gen_ai.request.model", value: { stringValue: "m" } }],
  });
  const res = await fetch(`${baseUrl()}/v1/traces`, {
    method: "POST",
    headers: { "content-type": "application/json", ...authHeaders(t) },
    body: JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span(ROOT, "root"), span(CHILD, "child", ROOT)] }] }] }),
  });
  expect(res.status).toBe(200);
}

async function scoreCount(appId: string) {
  const { prisma } = await testDb();
  return prisma.score.count({ where: { appId } });
}

describe("POST /v1/scores", () => {
  let t: Tenancy;
  beforeAll(async () => {
    t = await makeTenancy("scores");
    await ingestTrace(t);
  });

  it("stores one score object (trace-level, source api by default) and says what it stored", async () => {
    const res = await postScores(t, { trace_id: TRACE.toUpperCase(), name: "correctness", value: 0.9, comment: "good" });
    expect(res.status).toBe(201);
    const body = storedSchema.parse(await res.json());
    expect(body.count).toBe(1);
    expect(body.ids).toEqual([body.scores[0].id]);
    expect(body.scores[0]).toMatchObject({ trace_id: TRACE, span_id: null, name: "correctness", value: 0.9, source: "api", comment: "good" });
    const { prisma } = await testDb();
    const row = await prisma.score.findUniqueOrThrow({ where: { id: body.ids[0] } });
    expect(row).toMatchObject({ appId: t.appId, traceId: TRACE, spanId: null, name: "correctness", value: 0.9, source: "api" });
  });

  it("stores a batch, with span-level scores, labels and sources", async () => {
    const res = await postScores(t, {
      scores: [
        { trace_id: TRACE, span_id: CHILD, name: "helpfulness", value: 3, label: "ok", source: "human" },
        { trace_id: TRACE, span_id: CHILD, name: "toxicity", value: 0, source: "eval" },
      ],
    });
    expect(res.status).toBe(201);
    const body = storedSchema.parse(await res.json());
    expect(body.count).toBe(2);
    expect(body.scores.map((s) => [s.name, s.span_id, s.source, s.label])).toEqual([
      ["helpfulness", CHILD, "human", "ok"],
      ["toxicity", CHILD, "eval", null],
    ]);
    const { prisma } = await testDb();
    expect(await prisma.score.count({ where: { id: { in: body.ids }, appId: t.appId, spanId: CHILD } })).toBe(2);
  });

  it("422 with a reason per item for unknown traces and spans, and stores nothing of that batch", async () => {
    const before = await scoreCount(t.appId);
    const res = await postScores(t, {
      scores: [
        { trace_id: TRACE, name: "fine", value: 1 },
        { trace_id: "ffffffffffffffffffffffffffffffff", name: "x", value: 1 },
        { trace_id: TRACE, span_id: "cccccccccccccccc", name: "y", value: 1 },
      ],
    });
    expect(res.status).toBe(422);
    const err = errorSchema.parse(await res.json()).error;
    expect(err.invalid_params).toEqual([
      { name: "scores.1.trace_id", reason: expect.stringMatching(/no trace/) },
      { name: "scores.2.span_id", reason: expect.stringMatching(/no span/) },
    ]);
    expect(await scoreCount(t.appId)).toBe(before);
  });

  it("422 for a trace that exists only in another app", async () => {
    const other = await makeTenancy("scoresother");
    const res = await postScores(other, { trace_id: TRACE, name: "x", value: 1 });
    expect(res.status).toBe(422);
    expect(errorSchema.parse(await res.json()).error.invalid_params?.[0].name).toBe("trace_id");
    expect(await scoreCount(other.appId)).toBe(0);
  });

  it("400 naming the field for invalid scores, empty or oversized batches and bad JSON", async () => {
    const cases: [unknown, string][] = [
      [{ trace_id: TRACE, name: "x", value: "high" }, "value"],
      [{ trace_id: TRACE, name: "x", value: 1, source: "robot" }, "source"],
      [{ trace_id: TRACE, value: 1 }, "name"],
      [{ name: "x", value: 1 }, "trace_id"],
      [{ scores: [] }, "scores"],
      [{ scores: [{ trace_id: TRACE, name: "x", value: 1 }, { trace_id: TRACE, name: "x" }] }, "scores.1.value"],
      [{ scores: Array.from({ length: 1001 }, () => ({ trace_id: TRACE, name: "x", value: 1 })) }, "scores"],
    ];
    for (const [payload, param] of cases) {
      const res = await postScores(t, payload);
      expect(res.status, JSON.stringify(payload).slice(0, 80)).toBe(400);
      const err = errorSchema.parse(await res.json()).error;
      expect(err.invalid_params?.map((p) => p.name)).toContain(param);
    }
    expect((await postScores(t, "{oops")).status).toBe(400);
  });

  it("401 without credentials", async () => {
    const res = await postScores(null, { trace_id: TRACE, name: "x", value: 1 });
    expect(res.status).toBe(401);
    errorSchema.parse(await res.json());
  });

  it("shows the scores on export rows and filters on them by name", async () => {
    const s = await makeTenancy("scoresexport");
    await ingestTrace(s);
    const posted = await postScores(s, {
      scores: [
        { trace_id: TRACE, name: "correctness", value: 0.95 },
        { trace_id: TRACE, span_id: CHILD, name: "helpfulness", value: 0.4 },
      ],
    });
    expect(posted.status).toBe(201);
    const rows = async (query: string) => {
      const res = await fetch(`${baseUrl()}/v1/traces/export?${query}`, { headers: authHeaders(s) });
      expect(res.status).toBe(200);
      const lines = (await res.text()).split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
      return lines.filter((l) => !("_export_meta" in l)) as { span_id: string; scores: Record<string, number> }[];
    };
    const all = await rows("");
    const byId = Object.fromEntries(all.map((r) => [r.span_id, r.scores]));
    expect(byId[ROOT]).toEqual({ correctness: 0.95 });
    expect(byId[CHILD]).toEqual({ correctness: 0.95, helpfulness: 0.4 });
    expect((await rows("score=helpfulness<0.5")).map((r) => r.span_id)).toEqual([CHILD]);
    expect((await rows("score=correctness>=0.9")).map((r) => r.span_id).sort()).toEqual([ROOT, CHILD].sort());
    expect(await rows("score=helpfulness>0.5")).toEqual([]);
  });
});
