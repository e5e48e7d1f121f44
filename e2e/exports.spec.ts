// Bulk exports in a real browser (SPEC §7): the Export dialog's "All N matching rows" starts a job with
// the table's filters and shows its progress; the Exports page lists it; a file of more than 2,000 rows
// downloads complete; an unfinished job is cancelled from the Exports page.
import { readFile } from "node:fs/promises";
import { login, test } from "./fixtures";
import { expect, tableReady, warmUp } from "./traces-support";
import { holdTenantBusy, seedManySpans } from "./exports-support";

test.slow();
test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  await warmUp(browser);
});

const ROWS = 2_345;

test("All N matching rows: a job starts, shows progress, and its file arrives with every row", async ({ page, tenancy }, testInfo) => {
  await seedManySpans(tenancy.appId, ROWS);
  await login(page, tenancy);
  await tableReady(page);
  await expect(page.getByTestId("total")).toHaveText(ROWS.toLocaleString("en-US"));

  await page.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByTestId("export-dialog");
  const all = dialog.getByRole("radio", { name: `All ${ROWS.toLocaleString("en-US")} matching rows` });
  await all.check();
  // Parquet is offered for a bulk job only.
  await expect(dialog.getByRole("radio", { name: /^Parquet/ })).toBeVisible();
  await dialog.getByRole("radio", { name: /^JSONL/ }).check();
  await dialog.getByTestId("export-start").click();

  const job = dialog.getByTestId("export-job");
  await expect(job).toBeVisible();
  await expect(job.getByTestId("job-status")).toHaveText("succeeded", { timeout: 60_000 });
  await expect(job).toContainText(`Export ready: ${ROWS.toLocaleString("en-US")} rows`);
  await page.screenshot({ path: testInfo.outputPath("export-job-done.png") });

  const [download] = await Promise.all([page.waitForEvent("download"), job.getByRole("link", { name: "traces.jsonl" }).click()]);
  const text = await readFile((await download.path())!, "utf8");
  const lines = text.split("\n").filter(Boolean);
  expect(lines).toHaveLength(ROWS);
  expect(new Set(lines.map((l) => JSON.parse(l).span_id)).size).toBe(ROWS);

  await job.getByTestId("exports-page-link").click();
  await expect(page).toHaveURL(/\/exports\?appId=.*&job=/);
  const row = page.getByTestId("export-job-row");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("job-status")).toHaveText("succeeded");
  await expect(row.getByTestId("job-rows")).toContainText(ROWS.toLocaleString());
  await expect(row.getByRole("link", { name: "traces.jsonl" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("exports-page.png") });
});

test("an unfinished job shows its progress and is cancelled from the Exports page", async ({ page, tenancy }) => {
  await seedManySpans(tenancy.appId, 50);
  // The tenant already has a running job, so this one stays queued until it is cancelled.
  const release = await holdTenantBusy(tenancy.tenantId, tenancy.appId);
  try {
    await login(page, tenancy);
    await tableReady(page);
    await page.getByRole("button", { name: "Export" }).click();
    const dialog = page.getByTestId("export-dialog");
    await dialog.getByRole("radio", { name: /^All .* matching rows$/ }).check();
    await dialog.getByRole("radio", { name: /^CSV/ }).check();
    await dialog.getByTestId("export-start").click();
    const job = dialog.getByTestId("export-job");
    await expect(job.getByTestId("job-status")).toHaveText("queued");
    await expect(job.getByTestId("job-progress")).toContainText("Waiting for a worker");

    await job.getByTestId("exports-page-link").click();
    const row = page.locator('[data-testid="export-job-row"]').filter({ hasText: "csv" });
    await expect(row.getByTestId("job-progress")).toBeVisible();
    await row.getByTestId("job-cancel").click();
    await expect(row.getByTestId("job-status")).toHaveText("cancelled");
    await expect(row.getByTestId("job-cancel")).toHaveCount(0);
  } finally {
    await release();
  }
});
