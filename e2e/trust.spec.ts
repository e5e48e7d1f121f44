// Trust in a real browser (SPEC §8): the login form says "too many attempts" once the throttle locks
// the account; the dashboard works under its Content-Security-Policy (no violation on the Traces page,
// the API keys page or the Export dialog's download); signing out — here or everywhere — ends the
// session, so its saved cookie is refused afterwards.
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { LOGIN_THROTTLE } from "../lib/core/login-throttle";
import { e2eDb, expect, login, test } from "./fixtures";
import { seedSpans, tableReady } from "./traces-support";

/** Records every CSP violation of the page: the DOM event and Chromium's console report. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/content security policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  await page.exposeFunction("__reportCspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation(v: string): void }).__reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  return violations;
}

async function submitLogin(page: Page, email: string, password: string): Promise<number> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials")),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  return res.status();
}

test("the login form says 'too many attempts' once the account is locked", async ({ page, tenancy }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled({ timeout: 90_000 });
  for (let i = 0; i < LOGIN_THROTTLE.perAddress; i++) {
    expect(await submitLogin(page, tenancy.email, "not-the-password")).toBe(401);
    await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  }
  // Locked: even the right password is refused, with a message that says why and for how long.
  expect(await submitLogin(page, tenancy.email, tenancy.password)).toBe(429);
  await expect(page.locator("form").getByRole("alert")).toContainText(/too many attempts/i);
  await expect(page.locator("form").getByRole("alert")).toContainText(/try again in 15 minutes/);
  await expect(page).toHaveURL(/\/login/);
});

test("the dashboard works under its Content-Security-Policy, the Export download included", async ({ page, tenancy }) => {
  const violations = await watchCsp(page);
  await seedSpans((await e2eDb()).prisma, tenancy.appId);
  await login(page, tenancy);
  await tableReady(page);
  await expect(page.locator("table tbody tr").first()).toBeVisible();

  await page.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByTestId("export-dialog");
  await expect(dialog).toBeVisible();
  const [file] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download" }).click()]);
  const lines = (await readFile((await file.path())!, "utf8")).trim().split("\n");
  expect(lines.length).toBeGreaterThan(1);
  await expect(dialog.getByTestId("export-result")).toContainText(`Saved ${file.suggestedFilename()}`);

  await page.keyboard.press("Escape");
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByTestId("key-row")).toHaveCount(1);
  expect(violations).toEqual([]);
});

/** The session cookie as a Cookie header, to replay after signing out. */
async function savedCookie(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

test("signing out ends the session: the saved cookie is refused afterwards", async ({ page, tenancy }) => {
  await login(page, tenancy);
  const cookie = await savedCookie(page);
  const traces = `/api/traces?appId=${tenancy.appId}`;
  expect((await page.request.get(traces, { headers: { cookie } })).status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get(traces, { headers: { cookie } })).status()).toBe(401);
});

test("'Sign out everywhere' on the API keys page ends every session of the user", async ({ page, browser, tenancy }) => {
  const other = await browser.newPage();
  await login(other, tenancy);
  await login(page, tenancy);
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  // The other browser's session has ended too: its next page load lands on the login page.
  await other.goto(`/traces?appId=${tenancy.appId}`);
  await expect(other).toHaveURL(/\/login/);
  await other.close();
});
