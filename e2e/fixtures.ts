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

/** True once React has hydrated the element `selector` names (React DOM tags hydrated nodes). */
async function waitForHydration(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return Boolean(el && Object.keys(el).some((k) => k.startsWith("__reactProps")));
    },
    selector,
    { timeout: 90_000 },
  );
}

/**
 * Signs in through the real login form once it is hydrated, and lands on the Traces page of the
 * user's app. A click before hydration submits the bare HTML form (GET /login?email=…&password=…) and
 * signs nobody in, which happens when the browser bundle loads slowly (`next dev` on a busy machine).
 */
export async function login(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto("/login", { timeout: 90_000 });
  await waitForHydration(page, 'form button[type="submit"]');
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/traces\?appId=/);
}

export const test = base.extend<{ tenancy: Tenancy }>({
  tenancy: async ({}, use, testInfo) => {
    const label = testInfo.title.toLowerCase().replace(/[^a-z0-9]+/g, "").slice(0, 12) || "e2e";
    await use(await createTenancy(await e2eDb(), label));
  },
});

export { expect };
