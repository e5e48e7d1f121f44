// The foundation, as a new user meets it: sign in as the demo user, see spans, manage API keys.
import { expect, login, test } from "./fixtures";

test("the demo user signs in and sees the demo app's spans", async ({ page }, testInfo) => {
  await login(page, { email: "demo@flywheel.local", password: "flywheel-demo" });
  await expect(page.getByTestId("current-user")).toHaveText("demo@flywheel.local");
  // Rows of the demo data (its generations name their models) are listed on the Traces page.
  const demoRows = page.locator("table tbody tr").filter({ hasText: /gpt-4o|claude|llama/ });
  await expect(demoRows.first()).toBeVisible();
  expect(await demoRows.count()).toBeGreaterThan(5);
  await page.screenshot({ path: testInfo.outputPath("traces-demo.png"), fullPage: true });
});

test("a wrong password is refused", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("demo@flywheel.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/wrong email or password/i)).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("an API key is shown once, listed, and revocable", async ({ page, tenancy }, testInfo) => {
  await login(page, tenancy);
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  // The tenancy fixture made exactly one key; wait for the list to show it before creating another.
  await expect(page.getByTestId("key-row")).toHaveCount(1);

  await page.getByLabel("New key name").fill("browser-made");
  await page.getByRole("button", { name: "Create key" }).click();
  const value = await page.getByTestId("new-key-value").textContent();
  expect(value).toMatch(/^fw_/);
  const row = page.getByTestId("key-row").filter({ hasText: "browser-made" });
  await expect(row).toHaveCount(1);
  await expect(page.getByTestId("key-row")).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath("keys-created.png"), fullPage: true });

  // Shown once: after a reload the full key is gone, only its prefix remains.
  await page.reload();
  await expect(page.getByTestId("new-key")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(value!);
  await expect(row).toContainText(value!.slice(0, 9));

  page.once("dialog", (d) => d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
});
