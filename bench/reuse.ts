// --reuse: measure a bench database loaded by an earlier run (`--load-only`) instead of loading it again
// (~6 minutes at 2M spans on a busy machine). The tenancies are found by the names test/tenancy.ts gives
// them; an API key is created anew (only its hash is stored).
import pg from "pg";
import type { Db } from "../lib/core/db";
import { createApiKey } from "../lib/core/tenancy";
import { migrate } from "../lib/db/migrate";
import type { Tenancy } from "../test/tenancy";

/** The database's URL when it exists and holds an app of each label with `spans[i]` spans, else undefined. */
export async function reusableDatabase(url: string, apps: { label: string; spans: number }[]): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return undefined; // no such database
  }
  try {
    // New migrations (the code may be newer than the load) apply as they would to any database.
    await migrate({ exec: (t) => client.query(t), query: (t, p) => client.query(t, p) as never });
    for (const { label, spans } of apps) {
      // From the hourly span counts: an exact count(*) of 2M spans would take seconds.
      const { rows } = await client.query<{ n: string }>(
        `SELECT coalesce(sum(h.n), 0)::text AS n FROM app a JOIN span_hour h ON h.app_id = a.id WHERE a.id LIKE $1 GROUP BY a.id`,
        [`app\\_${label}\\_%`],
      );
      if (rows.length !== 1 || Number(rows[0].n) !== spans) return undefined;
    }
    return url;
  } finally {
    await client.end();
  }
}

/** The tenancy createTenancy made under `label` (its names are derived from one random suffix). */
export async function findTenancy(db: Db, label: string): Promise<Tenancy> {
  const app = await db.prisma.app.findFirstOrThrow({ where: { id: { startsWith: `app_${label}_` } }, include: { tenant: true } });
  const suffix = app.id.slice(`app_${label}_`.length);
  const email = `${label}-${suffix}@test.local`.toLowerCase();
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  const key = await createApiKey(db, { tenantId: app.tenantId, name: "bench reuse" });
  return { tenantId: app.tenantId, slug: app.tenant.slug, appId: app.id, apiKey: key.key, email, password: `pw-${suffix}-secret`, userId: user.id };
}
