// `npm run db:seed` and `npm run dev` on an empty database: the demo tenant, app, user and API key
// (through lib/core/tenancy, like `flywheel admin …`), then a few thousand generated spans and scores.
// Idempotent: everything is looked up before it is created, and the span/score ids are deterministic,
// so a second run finds the first run's data and adds nothing.
import type { Database } from "../db/client";
import { AppError } from "../core/errors";
import { hashApiKey, keyPrefix } from "../core/secrets";
import { createApiKey, createApp, createTenant, createUser } from "../core/tenancy";
import { generateDemoData } from "./generate";
import { insertScores, insertSpans } from "./insert";

export const DEMO = {
  tenantSlug: "acme",
  tenantName: "Acme Inc.",
  appId: "app_demo",
  appName: "Acme Assistant",
  email: "demo@flywheel.local",
  password: "flywheel-demo",
} as const;

export interface SeedOptions {
  /** the demo key to make sure exists (FLYWHEEL_DEMO_API_KEY); absent: a random key on the first seed only */
  apiKey?: string;
  /** the end of the 30-day window the spans fall in */
  now?: Date;
  seed?: number;
  targetSpans?: number;
}

export type ApiKeyOutcome =
  /** a random key was made: `key` is the only copy there will ever be */
  | { status: "created"; prefix: string; key: string }
  /** the tenant already had a key; none was made */
  | { status: "exists"; prefix: string; revoked: boolean }
  /** the key from options (FLYWHEEL_DEMO_API_KEY) was stored, as its hash */
  | { status: "stored"; prefix: string }
  /** the key from options was stored by an earlier run */
  | { status: "present"; prefix: string; revoked: boolean };

export interface SeedResult {
  tenant: { id: string; slug: string; name: string };
  appId: string;
  user: { id: string; email: string };
  apiKey: ApiKeyOutcome;
  /** false when the demo data was there already */
  seeded: boolean;
  spans: { inserted: number; total: number };
  scores: { inserted: number; total: number };
  traces: number;
}

// Serialises seeds started side by side (`npm run dev` twice, dev + db:seed) on PostgreSQL. Its own
// id: 7231995 is the migration runner's (lib/db/migrate.ts) and 7231996 the score triggers' (migration
// 20261125120000_span_scores), which a seed holding it would make every other session's ingest and
// score writes wait for.
const SEED_LOCK = 7231997;

export async function seedDemo(db: Database, opts: SeedOptions = {}): Promise<SeedResult> {
  await db.sql.query("SELECT pg_advisory_lock($1)", [SEED_LOCK]);
  try {
    return await seedLocked(db, opts);
  } finally {
    await db.sql.query("SELECT pg_advisory_unlock($1)", [SEED_LOCK]);
  }
}

async function seedLocked(db: Database, opts: SeedOptions): Promise<SeedResult> {
  const { prisma } = db;
  const tenant = (await prisma.tenant.findUnique({ where: { slug: DEMO.tenantSlug } })) ?? (await createTenant(db, { name: DEMO.tenantName, slug: DEMO.tenantSlug }));
  const app = await prisma.app.findUnique({ where: { id: DEMO.appId } });
  if (app && app.tenantId !== tenant.id) {
    throw new AppError(409, "conflict", `App "${DEMO.appId}" belongs to another tenant than "${DEMO.tenantSlug}"; the demo data cannot be seeded`);
  }
  if (!app) await createApp(db, { tenant: tenant.id, id: DEMO.appId, name: DEMO.appName });
  // An existing user keeps their password and joins the tenant (createUser's rule).
  const user = await createUser(db, { tenant: tenant.id, email: DEMO.email, password: DEMO.password, name: "Demo User" });
  const apiKey = await ensureApiKey(db, tenant.id, opts.apiKey);

  const data = generateDemoData({ now: opts.now ?? new Date(), seed: opts.seed, targetSpans: opts.targetSpans });
  const seeded = await needsData(db, data.spans[0].trace_id, data.spans[0].span_id, data.scores[data.scores.length - 1].id);
  const spansInserted = seeded ? await insertSpans(db.sql, DEMO.appId, data.spans) : 0;
  // Scores last: the final score's id is the mark of a finished seed (see needsData).
  const scoresInserted = seeded ? await insertScores(db.sql, DEMO.appId, data.scores) : 0;
  const counts = await db.sql.query<{ spans: number; scores: number }>(
    `SELECT (SELECT count(*)::int FROM "span" WHERE app_id = $1) AS spans, (SELECT count(*)::int FROM "score" WHERE app_id = $1) AS scores`,
    [DEMO.appId],
  );
  return {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    appId: DEMO.appId,
    user: { id: user.id, email: user.email },
    apiKey,
    seeded,
    spans: { inserted: spansInserted, total: counts.rows[0].spans },
    scores: { inserted: scoresInserted, total: counts.rows[0].scores },
    traces: new Set(data.spans.map((s) => s.trace_id)).size,
  };
}

/**
 * Whether to insert: yes on a database without demo spans, and to finish a seed that was cut off
 * (its first span is there, its last score is not). Demo spans from another version of the generator
 * (different ids) count as seeded, so a re-run after an upgrade does not add a second data set.
 */
async function needsData(db: Database, firstTraceId: string, firstSpanId: string, lastScoreId: string): Promise<boolean> {
  const { rows } = await db.sql.query<{ demo: boolean; first: boolean; last: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM "span" WHERE app_id = $1 AND attributes @> '{"flywheel.demo": true}') AS demo,
            EXISTS (SELECT 1 FROM "span" WHERE app_id = $1 AND trace_id = $2 AND span_id = $3) AS first,
            EXISTS (SELECT 1 FROM "score" WHERE id = $4) AS last`,
    [DEMO.appId, firstTraceId, firstSpanId, lastScoreId],
  );
  const { demo, first, last } = rows[0];
  return !demo || (first && !last);
}

async function ensureApiKey(db: Database, tenantId: string, key: string | undefined): Promise<ApiKeyOutcome> {
  const { prisma } = db;
  if (key) {
    const existing = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(key) } });
    if (existing && existing.tenantId !== tenantId) {
      throw new AppError(409, "conflict", `FLYWHEEL_DEMO_API_KEY is already a key of another tenant; choose another value`);
    }
    if (existing) return { status: "present", prefix: existing.prefix, revoked: existing.revokedAt !== null };
    await createApiKey(db, { tenantId, name: "demo (FLYWHEEL_DEMO_API_KEY)", key });
    return { status: "stored", prefix: keyPrefix(key) };
  }
  // "The first seed only": a tenant that has any key, even a revoked one, gets no new random key.
  const newest = await prisma.apiKey.findFirst({ where: { tenantId }, orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }] });
  if (newest) return { status: "exists", prefix: newest.prefix, revoked: newest.revokedAt !== null };
  const created = await createApiKey(db, { tenantId, name: "demo" });
  return { status: "created", prefix: created.prefix, key: created.key };
}
