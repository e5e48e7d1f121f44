// A tenant of one's own: tenant, app, member user and API key under unique names. Shared by the
// vitest fixtures and the Playwright fixtures.
import { randomUUID } from "node:crypto";
import type { Db } from "../lib/core/db";
import { createApiKey, createApp, createTenant, createUser } from "../lib/core/tenancy";

export interface Tenancy {
  tenantId: string;
  slug: string;
  appId: string;
  apiKey: string;
  email: string;
  password: string;
  userId: string;
}

export async function createTenancy(db: Db, label = "t"): Promise<Tenancy> {
  const suffix = randomUUID().slice(0, 8);
  const tenant = await createTenant(db, { name: `${label} ${suffix}`, slug: `${label}-${suffix}`.toLowerCase() });
  const app = await createApp(db, { tenant: tenant.id, name: `${label} app`, id: `app_${label}_${suffix}` });
  const email = `${label}-${suffix}@test.local`.toLowerCase();
  const password = `pw-${suffix}-secret`;
  const user = await createUser(db, { tenant: tenant.id, email, password });
  const key = await createApiKey(db, { tenantId: tenant.id, name: "test" });
  return { tenantId: tenant.id, slug: tenant.slug, appId: app.id, apiKey: key.key, email, password, userId: user.id };
}
