// Per-test fixtures: each test makes its own tenant, app, user and key under unique names, so tests
// never depend on each other's data and can run in any order, in parallel.
import { inject } from "vitest";
import { randomUUID } from "node:crypto";
import { openDatabase, type Database } from "../lib/db/client";
import { createApiKey, createApp, createTenant, createUser } from "../lib/core/tenancy";

export const baseUrl = () => inject("baseUrl");

let shared: Promise<Database> | undefined;
/** The test run's database (the same one the server uses). */
export function testDb(): Promise<Database> {
  shared ??= openDatabase(inject("databaseUrl"));
  return shared;
}

export interface Tenancy {
  tenantId: string;
  slug: string;
  appId: string;
  apiKey: string;
  email: string;
  password: string;
  userId: string;
}

export async function makeTenancy(label = "t"): Promise<Tenancy> {
  const { prisma } = await testDb();
  const suffix = randomUUID().slice(0, 8);
  const tenant = await createTenant(prisma, { name: `${label} ${suffix}`, slug: `${label}-${suffix}`.toLowerCase() });
  const app = await createApp(prisma, { tenant: tenant.id, name: `${label} app`, id: `app_${label}_${suffix}` });
  const email = `${label}-${suffix}@test.local`.toLowerCase();
  const password = `pw-${suffix}-secret`;
  const user = await createUser(prisma, { tenant: tenant.id, email, password });
  const key = await createApiKey(prisma, { tenantId: tenant.id, name: "test" });
  return { tenantId: tenant.id, slug: tenant.slug, appId: app.id, apiKey: key.key, email, password, userId: user.id };
}
