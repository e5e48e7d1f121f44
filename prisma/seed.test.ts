// `npm run db:seed` against the test database: idempotent, secrets hashed, the data docs/demo-data.md lists.
// The test database is shared with other test files, so every count is of tenant `acme` / `app_demo`.
import { beforeAll, describe, expect, it } from "vitest";
import { makeTenancy, testDb } from "../test/fixtures";
import type { Database } from "../lib/db/client";
import { hashApiKey, verifyPassword } from "../lib/core/secrets";
import { DEMO, seedDemo as libSeedDemo, type SeedResult } from "../lib/demo/seed";
import { generateDemoData } from "../lib/demo/generate";
import { seedDemo } from "./seed";

const DAY = 86_400_000;
const ENV_KEY = "fw_seed_test_demo_key_0123456789abcdef";
const now = new Date();
let db: Database;

async function counts() {
  const { rows } = await db.sql.query<Record<string, number>>(
    `SELECT
       (SELECT count(*)::int FROM "span" WHERE app_id = $1) AS spans,
       (SELECT count(DISTINCT trace_id)::int FROM "span" WHERE app_id = $1) AS traces,
       (SELECT count(*)::int FROM "score" WHERE app_id = $1) AS scores,
       (SELECT count(*)::int FROM "tenant" WHERE slug = $2) AS tenants,
       (SELECT count(*)::int FROM "app" WHERE id = $1) AS apps,
       (SELECT count(*)::int FROM "user" WHERE email = $3) AS users,
       (SELECT count(*)::int FROM "membership" m JOIN "tenant" t ON t.id = m.tenant_id WHERE t.slug = $2) AS members,
       (SELECT count(*)::int FROM "api_key" k JOIN "tenant" t ON t.id = k.tenant_id WHERE t.slug = $2) AS keys`,
    [DEMO.appId, DEMO.tenantSlug, DEMO.email],
  );
  return rows[0];
}

beforeAll(async () => {
  db = await testDb();
});

describe("db:seed", () => {
  let first: SeedResult;
  let afterFirst: Record<string, number>;

  beforeAll(async () => {
    first = await seedDemo(db, { now });
    afterFirst = await counts();
  });

  it("is the function lib/demo/seed exports, and importing prisma/seed.ts runs nothing", () => {
    expect(seedDemo).toBe(libSeedDemo);
  });

  it("creates tenant acme, app_demo, the demo user and a few thousand spans with scores", async () => {
    expect(first.seeded).toBe(true);
    expect(first.tenant).toMatchObject({ slug: "acme", name: "Acme Inc." });
    expect(first.appId).toBe("app_demo");
    expect(afterFirst).toMatchObject({ tenants: 1, apps: 1, users: 1, members: 1, keys: 1 });
    expect(afterFirst.spans).toBeGreaterThanOrEqual(3000);
    expect(afterFirst.spans).toBeLessThanOrEqual(5000);
    expect(afterFirst.scores).toBeGreaterThan(1000);
    expect(first.spans).toEqual({ inserted: afterFirst.spans, total: afterFirst.spans });
    expect(first.scores).toEqual({ inserted: afterFirst.scores, total: afterFirst.scores });
    expect(first.traces).toBe(afterFirst.traces);
  });

  it("makes a random API key on the first seed, returns it once and stores only its hash", async () => {
    expect(first.apiKey.status).toBe("created");
    const key = first.apiKey.status === "created" ? first.apiKey.key : "";
    expect(key).toMatch(/^fw_/);
    const { rows } = await db.sql.query<{ key_hash: string; prefix: string; row: string }>(
      `SELECT k.key_hash, k.prefix, row_to_json(k)::text AS row FROM "api_key" k JOIN "tenant" t ON t.id = k.tenant_id WHERE t.slug = 'acme'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].key_hash).toBe(hashApiKey(key));
    expect(rows[0].row).not.toContain(key);
    expect(key.startsWith(rows[0].prefix)).toBe(true);
  });

  it("stores the demo password as a hash that verifies", async () => {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: DEMO.email } });
    expect(user.passwordHash).not.toContain(DEMO.password);
    expect(await verifyPassword(DEMO.password, user.passwordHash)).toBe(true);
    expect(await verifyPassword("not-the-password", user.passwordHash)).toBe(false);
  });

  it("changes no counts when run again, even later, and makes no second random key", async () => {
    const again = await seedDemo(db, { now: new Date(now.getTime() + 2 * 3600_000) });
    expect(again.seeded).toBe(false);
    expect(again.spans.inserted).toBe(0);
    expect(again.scores.inserted).toBe(0);
    expect(again.apiKey).toMatchObject({ status: "exists", revoked: false });
    expect(again.apiKey).not.toHaveProperty("key");
    expect(again.tenant.id).toBe(first.tenant.id);
    expect(await counts()).toEqual(afterFirst);
  });

  it("stores FLYWHEEL_DEMO_API_KEY as a hash once, however often it runs", async () => {
    const withKey = await seedDemo(db, { now, apiKey: ENV_KEY });
    expect(withKey.apiKey).toEqual({ status: "stored", prefix: ENV_KEY.slice(0, 9) });
    const after = await counts();
    expect(after).toEqual({ ...afterFirst, keys: afterFirst.keys + 1 });
    const again = await seedDemo(db, { now, apiKey: ENV_KEY });
    expect(again.apiKey).toMatchObject({ status: "present", revoked: false });
    expect(await counts()).toEqual(after);
    const stored = await db.prisma.apiKey.findUniqueOrThrow({ where: { keyHash: hashApiKey(ENV_KEY) } });
    expect(stored.tenantId).toBe(first.tenant.id);
    const { rows } = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "api_key" k WHERE row_to_json(k)::text LIKE '%' || $1 || '%'`, [ENV_KEY]);
    expect(rows[0].n).toBe(0);
  });

  it("refuses a FLYWHEEL_DEMO_API_KEY that is another tenant's key", async () => {
    const other = await makeTenancy("seed");
    await expect(seedDemo(db, { now, apiKey: other.apiKey })).rejects.toMatchObject({ status: 409 });
    expect(await counts()).toMatchObject({ spans: afterFirst.spans, scores: afterFirst.scores });
  });

  it("finishes a seed that was cut off, without duplicating what it had written", async () => {
    // Simulate a crash after the spans: remove the scores and half the spans of the demo data.
    await db.sql.query(`DELETE FROM "score" WHERE app_id = $1`, [DEMO.appId]);
    await db.sql.query(`DELETE FROM "span" WHERE app_id = $1 AND id IN (SELECT id FROM "span" WHERE app_id = $1 ORDER BY id DESC LIMIT 1000)`, [DEMO.appId]);
    const resumed = await seedDemo(db, { now });
    expect(resumed.seeded).toBe(true);
    expect(resumed.spans.inserted).toBe(1000);
    expect(await counts()).toMatchObject({ spans: afterFirst.spans, scores: afterFirst.scores });
  });
});

describe("the seeded rows", () => {
  const q = async <T = Record<string, unknown>>(text: string) => (await db.sql.query<T>(text, [DEMO.appId])).rows;

  it("have the models, users, tags, types, statuses and metadata the dashboard filters on", async () => {
    const [r] = await q<Record<string, number>>(`SELECT
      count(DISTINCT model)::int AS models, count(DISTINCT user_id)::int AS users, count(DISTINCT session_id)::int AS sessions,
      count(DISTINCT type)::int AS types, count(*) FILTER (WHERE status = 'STATUS_CODE_ERROR')::int AS errors,
      count(*) FILTER (WHERE status = 'STATUS_CODE_ERROR' AND status_message IS NULL)::int AS errors_without_message,
      count(*) FILTER (WHERE status = 'STATUS_CODE_UNSET')::int AS unset, count(*)::int AS total,
      count(*) FILTER (WHERE 'production' = ANY(tags))::int AS production, count(*) FILTER (WHERE 'beta' = ANY(tags))::int AS beta,
      count(*) FILTER (WHERE 'sales' = ANY(tags))::int AS sales, count(*) FILTER (WHERE 'support' = ANY(tags))::int AS support,
      count(*) FILTER (WHERE metadata @> '{"env":"staging"}')::int AS staging,
      count(*) FILTER (WHERE jsonb_typeof(metadata->'customer_tier') = 'string')::int AS tiered,
      count(*) FILTER (WHERE input = 'null'::jsonb OR output = 'null'::jsonb OR tool_calls = 'null'::jsonb)::int AS json_nulls
      FROM "span" WHERE app_id = $1`);
    expect(r.models).toBeGreaterThanOrEqual(4);
    expect(r.users).toBeGreaterThanOrEqual(18);
    expect(r.sessions).toBeGreaterThan(100);
    expect(r.types).toBe(3);
    expect(r.errors / r.total).toBeGreaterThan(0.03);
    expect(r.errors / r.total).toBeLessThan(0.08);
    expect(r.errors_without_message).toBe(0);
    expect(r.unset).toBeGreaterThan(0);
    for (const k of ["production", "beta", "sales", "support", "staging"]) expect(r[k]).toBeGreaterThan(0);
    expect(r.tiered).toBe(r.total);
    // absent content is SQL NULL, never a JSON null
    expect(r.json_nulls).toBe(0);
  });

  it("keep tool calls and tool results in the canonical shape", async () => {
    const calls = await q<{ tool_calls: { id: string; name: string; arguments: unknown }[]; output: { tool_calls: { id: string }[] }[] }>(
      `SELECT tool_calls, output FROM "span" WHERE app_id = $1 AND type = 'GENERATION' AND tool_calls IS NOT NULL LIMIT 50`,
    );
    expect(calls.length).toBe(50);
    for (const c of calls) {
      expect(c.tool_calls[0]).toEqual({ id: expect.any(String), name: expect.any(String), arguments: expect.any(Object) });
      expect(c.output[0].tool_calls.map((t) => t.id)).toEqual(c.tool_calls.map((t) => t.id));
    }
    const [{ n }] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM "span" s, jsonb_array_elements(s.input) m
       WHERE s.app_id = $1 AND s.type = 'GENERATION' AND jsonb_typeof(s.input) = 'array' AND m->>'role' = 'tool' AND m ? 'tool_call_id'`,
    );
    expect(n).toBeGreaterThan(100);
  });

  it("are the generator's rows, unchanged by the trip through the database", async () => {
    const generated = generateDemoData({ now });
    const samples = [
      generated.spans.find((s) => s.type === "GENERATION" && s.tool_calls !== null)!,
      // One of each instrumentation convention's rows (mapped from OTLP by ingest's mapper), tools included.
      generated.spans.find((s) => s.type === "GENERATION" && s.tools !== null && "openinference.span.kind" in s.attributes)!,
      generated.spans.find((s) => s.span_name === "ai.streamText")!,
      generated.spans.find((s) => s.type === "GENERATION" && /[^\x00-\x7f]/.test(JSON.stringify(s.output)))!,
      generated.spans.find((s) => s.type === "EVENT")!,
    ];
    for (const sample of samples) {
      const [row] = await db.sql
        .query<Record<string, unknown>>(
          `SELECT span_name, type, model, status, status_message, parent_span_id, input, output, tool_calls, metadata, tags, user_id, session_id,
                  input_tokens, output_tokens, cost, tools, latency_ms, attributes, timestamp, end_time
           FROM "span" WHERE app_id = $1 AND trace_id = $2 AND span_id = $3`,
          [DEMO.appId, sample.trace_id, sample.span_id],
        )
        .then((r) => r.rows);
      // the ids are the lookup key; timestamps come back as Dates (pg) or strings (PGlite)
      const { trace_id: _traceId, span_id: _spanId, timestamp, end_time: endTime, ...rest } = sample;
      expect(row).toMatchObject(rest);
      expect(new Date(row.timestamp as string).toISOString()).toBe(timestamp);
      expect(new Date(row.end_time as string).toISOString()).toBe(endTime);
    }
  });

  it("fall in the last 30 days, and so do their scores", async () => {
    const [r] = await q<{ oldest: string; newest: string; oldest_score: string; newest_score: string }>(
      `SELECT min(timestamp) AS oldest, max(end_time) AS newest,
              (SELECT min(created_at) FROM "score" WHERE app_id = $1) AS oldest_score, (SELECT max(created_at) FROM "score" WHERE app_id = $1) AS newest_score
       FROM "span" WHERE app_id = $1`,
    );
    for (const [at, bound] of [[r.oldest, r.newest], [r.oldest_score, r.newest_score]]) {
      expect(new Date(at).getTime()).toBeGreaterThan(now.getTime() - 30 * DAY);
      expect(new Date(bound).getTime()).toBeLessThanOrEqual(now.getTime());
    }
  });

  it("have scores named correctness and helpfulness (0–1), latency_ok (0/1) and toxicity, at trace and span level", async () => {
    const rows = await q<{ name: string; source: string; min: number; max: number; n: number; span_level: number }>(
      `SELECT name, source, min(value) AS min, max(value) AS max, count(*)::int AS n, count(span_id)::int AS span_level
       FROM "score" WHERE app_id = $1 GROUP BY name, source`,
    );
    const names = new Set(rows.map((r) => r.name));
    for (const n of ["correctness", "helpfulness", "latency_ok", "toxicity"]) expect(names).toContain(n);
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(["eval", "human", "api"]));
    for (const r of rows) {
      expect(r.min).toBeGreaterThanOrEqual(0);
      expect(r.max).toBeLessThanOrEqual(1);
    }
    const spanLevel = rows.reduce((s, r) => s + r.span_level, 0);
    const total = rows.reduce((s, r) => s + r.n, 0);
    expect(spanLevel).toBeGreaterThan(0);
    expect(spanLevel).toBeLessThan(total / 2);
    const [{ orphans }] = await q<{ orphans: number }>(
      `SELECT count(*)::int AS orphans FROM "score" sc WHERE sc.app_id = $1 AND NOT EXISTS (
         SELECT 1 FROM "span" s WHERE s.app_id = sc.app_id AND s.trace_id = sc.trace_id AND (sc.span_id IS NULL OR s.span_id = sc.span_id))`,
    );
    expect(orphans).toBe(0);
  });
});
