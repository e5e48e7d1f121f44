// The per-tenant export rate limit, on two server instances sharing one database (both started with
// FLYWHEEL_EXPORT_RATE_LIMIT=3): the count is shared by instances, keys and users, concurrent
// requests cannot overshoot it, other tenants are unaffected, and Retry-After says when a slot frees.
// The export route reads its first page while the check runs (readsBeforeLimit): a refused request
// still gets only its 429.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTenancy, testDb, type Tenancy } from "../fixtures";
import type { TestServer } from "../harness";
import { createApiKey } from "../../lib/core/tenancy";
import { callExport, errorOf, type CallOptions, type Params } from "./http";
import { extraServer } from "./servers";
import { ago, generation, insertSpans } from "./seed";

let one: TestServer;
let two: TestServer;

beforeAll(async () => {
  [one, two] = await Promise.all([
    extraServer("rl1", { FLYWHEEL_EXPORT_RATE_LIMIT: "3" }),
    extraServer("rl2", { FLYWHEEL_EXPORT_RATE_LIMIT: "3" }),
  ]);
}, 240_000);

afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
});

async function status(t: Tenancy, server: TestServer, params: Params = {}, opts: CallOptions = {}) {
  const res = await callExport(t, { limit: 1, ...params }, { ...opts, base: server.baseUrl });
  await res.arrayBuffer();
  return res.status;
}

async function insertWindow(t: Tenancy, minutesAgo: number[]) {
  const { prisma } = await testDb();
  for (const m of minutesAgo) {
    await prisma.$executeRaw`INSERT INTO export_request (id, tenant_id, app_id, actor, format, query, created_at)
      VALUES (${crypto.randomUUID()}, ${t.tenantId}, ${t.appId}, 'key:seed', 'jsonl', '', now() - make_interval(mins => ${m}))`;
  }
}

describe("export rate limit", () => {
  it("allows 3 per tenant across both instances, then 429 with Retry-After; other tenants unaffected", async () => {
    const [a, b] = await Promise.all([makeTenancy("rla"), makeTenancy("rlb")]);
    // Warm both instances' route first (dev servers compile on first use) with a tenant of its own.
    const warm = await makeTenancy("rlwarm");
    expect([await status(warm, one), await status(warm, two)]).toEqual([200, 200]);

    expect(await status(a, one)).toBe(200);
    expect(await status(a, two)).toBe(200);
    expect(await status(a, one, { format: "csv" })).toBe(200);
    for (const server of [two, one]) {
      const res = await callExport(a, {}, { base: server.baseUrl });
      expect(res.status).toBe(429);
      const error = await errorOf(res);
      expect(error.code).toBe("rate_limited");
      expect(error.detail).toMatch(/3 exports per hour/);
      const retry = Number(res.headers.get("retry-after"));
      expect(Number.isInteger(retry)).toBe(true);
      expect(retry).toBeGreaterThanOrEqual(3400);
      expect(retry).toBeLessThanOrEqual(3600);
    }
    expect(await status(b, two)).toBe(200);
    expect(await status(b, one)).toBe(200);

    const { prisma } = await testDb();
    const log = await prisma.exportRequest.findMany({ where: { tenantId: a.tenantId }, orderBy: { createdAt: "asc" } });
    expect(log).toHaveLength(3);
    expect(log.map((r) => r.format)).toEqual(["jsonl", "jsonl", "csv"]);
    expect(log.every((r) => r.appId === a.appId && r.actor.startsWith("key:"))).toBe(true);
    expect(log[2].query).toBe("limit=1&format=csv");
  });

  it("concurrent requests on two instances never exceed the limit", async () => {
    const t = await makeTenancy("rlrace");
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => status(t, i % 2 ? one : two)));
    expect(results.filter((s) => s === 200)).toHaveLength(3);
    expect(results.filter((s) => s === 429)).toHaveLength(7);
    const { prisma } = await testDb();
    expect(await prisma.exportRequest.count({ where: { tenantId: t.tenantId } })).toBe(3);
  });

  it("counts every key and user of the tenant together", async () => {
    const t = await makeTenancy("rlshare");
    const second = { ...t, apiKey: (await createApiKey(await testDb(), { tenantId: t.tenantId, name: "second" })).key };
    expect(await status(t, one)).toBe(200);
    expect(await status(second, two)).toBe(200);
    expect(await status(t, one, {}, { auth: "jwt" })).toBe(200);
    expect(await status(second, one)).toBe(429);
    expect(await status(t, two, {}, { auth: "jwt" })).toBe(429);
  });

  it("Retry-After counts down to when the oldest request in the window leaves it", async () => {
    const t = await makeTenancy("rlretry");
    await insertWindow(t, [59, 30, 10]);
    const res = await callExport(t, {}, { base: one.baseUrl });
    expect(res.status).toBe(429);
    await errorOf(res);
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(55);
    expect(retry).toBeLessThanOrEqual(61);
  });

  it("with more requests in the window than the limit (it was lowered), waits until enough have left", async () => {
    const t = await makeTenancy("rllowered");
    await insertWindow(t, [50, 40, 30, 20, 10]);
    const res = await callExport(t, {}, { base: two.baseUrl });
    expect(res.status).toBe(429);
    await errorOf(res);
    // 5 in the window, limit 3: a slot frees when the third oldest (30 minutes old) leaves.
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1795);
    expect(retry).toBeLessThanOrEqual(1801);
  });

  it("requests older than an hour have left the window", async () => {
    const t = await makeTenancy("rlold");
    await insertWindow(t, [61, 75, 120, 600]);
    expect(await status(t, one)).toBe(200);
    expect(await status(t, two)).toBe(200);
    expect(await status(t, one)).toBe(200);
    expect(await status(t, two)).toBe(429);
  });

  it("400, 401 and 403 answers use no quota", async () => {
    const [t, other] = await Promise.all([makeTenancy("rlfree"), makeTenancy("rlother")]);
    for (let i = 0; i < 4; i++) expect(await status(t, i % 2 ? one : two, { limit: 0 })).toBe(400);
    expect(await status(t, one, {}, { headers: { "x-app-id": other.appId } })).toBe(403);
    expect(await status({ ...t, apiKey: "fw_bogus_key_0123456789abcdef" }, two)).toBe(401);
    expect([await status(t, one), await status(t, two), await status(t, one)]).toEqual([200, 200, 200]);
    expect(await status(t, two)).toBe(429);
  });

  it("refuses a request whose first page was read alongside the check: its 429 only, its reads stopped; later ones are checked first", async () => {
    const t = await makeTenancy("rlalong");
    await insertSpans(t.appId, Array.from({ length: 40 }, (_, i) => generation(`tr${i % 4}`, `sp${i}`, ago(i + 1))));
    await insertWindow(t, [1, 2, 3]);
    const { sql } = await testDb();
    const since = (await sql.query("SELECT clock_timestamp()::text AS t")).rows[0].t as string;
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    for (const id of ids) {
      const res = await callExport(t, { limit: 40 }, { base: one.baseUrl, headers: { "x-request-id": id } });
      expect(res.status).toBe(429);
      expect((await errorOf(res)).code).toBe("rate_limited");
    }
    // The first refusal read its page alongside the check and was cancelled (the server logs how each
    // body ended); the second, of a tenant refused moments ago, was checked before any read.
    const ends = (id: string) => one.output().split("\n").filter((l) => l.includes('"export_stream_end"') && l.includes(id));
    await expect.poll(() => ends(ids[0]).map((l) => JSON.parse(l).status)).toEqual(["cancelled"]);
    expect(ends(ids[1])).toEqual([]);
    // No read is left running on the database (a page's COPY statement, as pg_stat_activity keeps it,
    // ends before its app id: test/export/copy-source.test.ts; other tests' COPYs end on their own).
    await expect
      .poll(async () => (await sql.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'COPY (%' AND query_start >= $1::timestamptz`, [since])).rows[0].n, { timeout: 10_000 })
      .toBe(0);
  });

  it("records a request without waiting for a disk flush, and only its own transaction", async () => {
    const t = await makeTenancy("rlasync");
    const { sql } = await testDb();
    await sql.exec("BEGIN");
    try {
      const before = await sql.query("SELECT current_setting('synchronous_commit') AS v");
      const accepted = await sql.query(`SELECT accepted FROM flywheel_accept_export($1, $2, $3, 'key:x', 'jsonl', '', 3, 3600)`, [crypto.randomUUID(), t.tenantId, t.appId]);
      const during = await sql.query("SELECT current_setting('synchronous_commit') AS v");
      expect([before.rows[0].v, accepted.rows[0].accepted, during.rows[0].v]).toEqual(["on", true, "off"]);
    } finally {
      await sql.exec("COMMIT");
    }
    expect((await sql.query("SELECT current_setting('synchronous_commit') AS v")).rows[0].v).toBe("on");
  });
});
