// `npm run db:seed`: the demo tenant, app, user, API key and a few thousand spans (docs/demo-data.md).
// Idempotent; the work is lib/demo/seed.ts, which `npm run dev` and the tests call too.
import { openMigratedDatabase } from "../lib/db/client";
import { parseEnv } from "../lib/env";
import { DEMO, seedDemo, type SeedResult } from "../lib/demo/seed";

export { seedDemo };

function report(r: SeedResult, where: string): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const lines = [
    r.seeded
      ? `Seeded demo data into ${where}: ${n(r.spans.inserted)} spans in ${n(r.traces)} traces over the last 30 days, ${n(r.scores.inserted)} scores.`
      : `Demo data already present in ${where}; nothing added (${DEMO.appId} has ${n(r.spans.total)} spans, ${n(r.scores.total)} scores).`,
    `  tenant   ${r.tenant.slug} (${r.tenant.name})`,
    `  app      ${r.appId}`,
    `  user     ${DEMO.email} / ${DEMO.password}`,
  ];
  const k = r.apiKey;
  if (k.status === "created") {
    lines.push(`  API key  ${k.key}`, "           Shown once, only now: store it (or set FLYWHEEL_DEMO_API_KEY to choose the demo key yourself).");
  } else if (k.status === "stored") {
    lines.push(`  API key  FLYWHEEL_DEMO_API_KEY (${k.prefix}…), stored as a hash`);
  } else {
    const which = k.status === "present" ? "FLYWHEEL_DEMO_API_KEY" : "an API key";
    lines.push(`  API key  ${which} already exists for ${r.tenant.slug} (${k.prefix}…)${k.revoked ? ", but it is revoked" : ""}.`);
    if (k.status === "exists") lines.push(`           Create another with: flywheel admin key create --tenant ${r.tenant.slug}`);
  }
  return lines.join("\n");
}

async function main() {
  const env = parseEnv(process.env);
  const db = await openMigratedDatabase(env.DATABASE_URL);
  try {
    const started = Date.now();
    const result = await seedDemo(db, { apiKey: env.FLYWHEEL_DEMO_API_KEY, now: new Date() });
    const where = db.kind === "pglite" ? "the embedded database (.data/pglite)" : "PostgreSQL (DATABASE_URL)";
    console.log(report(result, where));
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await db.close();
  }
}

// Only as a script (`tsx prisma/seed.ts`): importing this file for seedDemo runs nothing.
if (/[\\/]prisma[\\/]seed\.[cm]?[jt]s$/.test(process.argv[1] ?? "")) {
  main().catch((err) => {
    console.error(`db:seed failed: ${(err as Error).message}`);
    process.exit(1);
  });
}
