// Playwright fixtures: the suite's database (the same one the e2e server uses), a tenant of each
// test's own, and a login helper that goes through the real login form.
import { test as base, expect, type Page } from "@playwright/test";
import { openDatabase, type Database } from "../lib/db/client";
import { createTenancy, type Tenancy } from "../test/tenancy";
import { e2eDatabaseUrl } from "./env";

let shared: Promise<Database> | undefined;
export function e2eDb(): Promise<Database> {
  shared ??= openDatabase(e2eDatabaseUrl());
  return shared;
}

export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/traces/);
}

export const test = base.extend<{ tenancy: Tenancy }>({
  tenancy: async ({}, use, testInfo) => {
    const label = testInfo.title.toLowerCase().replace(/[^a-z0-9]+/g, "").slice(0, 12) || "e2e";
    await use(await createTenancy((await e2eDb()).prisma, label));
  },
});

export { expect };
