// Malformed requests: each is a 400 whose JSON body names the offending parameter, before anything is
// streamed — never a 500, never a partial body.
import { beforeAll, describe, expect, it } from "vitest";
import { makeTenancy, testDb, type Tenancy } from "../fixtures";
import { callExport, errorOf } from "./http";
import { ago, generation, insertSpans } from "./seed";

const cursorOf = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

// [query string, the parameter the error must name]
const MALFORMED: [string, string][] = [
  ["format=xml", "format"],
  ["format=JSONL", "format"],
  ["format=", "format"],
  ["format=csv,jsonl", "format"],
  ["limit=0", "limit"],
  ["limit=2001", "limit"],
  ["limit=-1", "limit"],
  ["limit=abc", "limit"],
  ["limit=1.5", "limit"],
  ["limit=", "limit"],
  ["limit=1e3", "limit"],
  ["limit=99999999999999999999", "limit"],
  ["startDate=yesterday", "startDate"],
  ["startDate=2026-13-01", "startDate"],
  ["startDate=2026-11-01T25:00:00Z", "startDate"],
  ["startDate=", "startDate"],
  ["startDate=1700000000", "startDate"],
  ["startDate=2026%2F11%2F01", "startDate"],
  ["endDate=not-a-date", "endDate"],
  ["endDate=2026-11-01T10:00:00%2B99", "endDate"],
  ["startDate=2026-11-02&endDate=2026-11-01", "startDate"],
  ["minScore=high", "minScore"],
  ["minScore=", "minScore"],
  ["minScore=1,5", "minScore"],
  ["minScore=NaN", "minScore"],
  ["minScore=Infinity", "minScore"],
  ["maxScore=x", "maxScore"],
  ["maxScore=0x10", "maxScore"],
  ["minScore=0.9&maxScore=0.1", "minScore"],
  ["score=correctness", "score"],
  ["score=correctness%3E%3E0.5", "score"],
  ["score=correctness%3E%3D", "score"],
  ["score=%3E%3D0.5", "score"],
  ["score=correctness%3E%3Dabc", "score"],
  ["score=correctness%3D%3E0.5", "score"],
  ["score=correctness~0.5", "score"],
  ["score=", "score"],
  ["score=correctness%3E%3D0.5&score=bad", "score"],
  ["type=generation", "type"],
  ["type=LLM", "type"],
  ["type=", "type"],
  ["model=", "model"],
  ["model=%20%20", "model"],
  [`model=${"m".repeat(501)}`, "model"],
  ["status=OK", "status"],
  ["status=error", "status"],
  ["status=STATUS_CODE_FAIL", "status"],
  ["name=", "name"],
  [`name=${"n".repeat(501)}`, "name"],
  ["userId=", "userId"],
  ["tag=", "tag"],
  ["metadata_key=env", "metadata_value"],
  ["metadata_value=prod", "metadata_key"],
  ["metadata_key=&metadata_value=prod", "metadata_key"],
  ["lightweight=yes", "lightweight"],
  ["lightweight=1", "lightweight"],
  ["lightweight=TRUE", "lightweight"],
  ["format=openai&lightweight=true", "lightweight"],
  ["cursor=garbage!", "cursor"],
  ["cursor=", "cursor"],
  [`cursor=${cursorOf({ ts: "x" })}`, "cursor"],
  [`cursor=${cursorOf(["not a date", "s", "t"])}`, "cursor"],
  [`cursor=${cursorOf([1, 2, 3])}`, "cursor"],
  [`cursor=${"A".repeat(1001)}`, "cursor"],
  ["foo=bar", "foo"],
  ["Limit=5", "Limit"],
  ["format%5B%5D=csv", "format[]"],
  ["appid=x", "appid"],
  ["limit=5&limit=6", "limit"],
  ["format=csv&format=jsonl", "format"],
  ["type=SPAN&type=EVENT", "type"],
];

describe("malformed export requests", () => {
  let t: Tenancy;
  beforeAll(async () => {
    t = await makeTenancy("invalid");
    await insertSpans(t.appId, [generation("v1", "v1", ago(5))]);
  });

  it("has a long enough matrix", () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(50);
  });

  it.each(MALFORMED)("?%s → 400 naming %s", async (qs, param) => {
    const res = await callExport(t, new URLSearchParams(qs));
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe("bad_request");
    expect(error.invalid_params?.map((p) => p.name)).toContain(param);
    expect(error.detail).toContain(param);
    for (const p of error.invalid_params ?? []) expect(p.reason.length).toBeGreaterThan(3);
  });

  it("reports every problem of one request at once", async () => {
    const res = await callExport(t, new URLSearchParams("limit=0&type=x&bogus=1&score=nope"));
    expect(res.status).toBe(400);
    const names = (await errorOf(res)).invalid_params!.map((p) => p.name).sort();
    expect(names).toEqual(["bogus", "limit", "score", "type"]);
  });

  it("uses no rate-limit quota for a rejected request", async () => {
    const { prisma } = await testDb();
    const before = await prisma.exportRequest.count({ where: { tenantId: t.tenantId } });
    await (await callExport(t, new URLSearchParams("limit=0"))).text();
    expect(await prisma.exportRequest.count({ where: { tenantId: t.tenantId } })).toBe(before);
    const ok = await callExport(t, { limit: 1 });
    expect(ok.status).toBe(200);
    await ok.text();
    expect(await prisma.exportRequest.count({ where: { tenantId: t.tenantId } })).toBe(before + 1);
  });

  it("accepts the edge values the schema allows", async () => {
    for (const qs of [
      "limit=1", "limit=2000", "score=a%3E%3D-1.5e2", "score=my.metric%20name%3C%3D1", "minScore=-1&maxScore=-1",
      "startDate=2026-11-01", "endDate=2026-11-01T10:00:00%2B02:00", "startDate=2026-11-01T10:00:00.123456789Z",
      "metadata_key=env&metadata_value=", "type=all", "lightweight=false", "format=csv&lightweight=true",
    ]) {
      const res = await callExport(t, new URLSearchParams(qs));
      expect(res.status, `${qs}: ${res.status}`).toBe(200);
      await res.text();
    }
  });
});
