// The Traces page in a real browser against the real server and database: newest-first paging that
// survives a reload, filters applied through the UI that live in the URL, the detail panel, and a
// readable message for an invalid link.
import { e2eDb, login, test } from "./fixtures";
import { UI_FILTERS, applyUiFilters, expect, expectedMatches, seedSpans, tableReady, urlRange, warmUp } from "./traces-support";

// The first visit of a route compiles it when the suite runs against `next dev`.
test.slow();
test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  await warmUp(browser);
});

test("paging is newest first, and Previous works after a reload", async ({ page, tenancy }, testInfo) => {
  const { prisma } = await e2eDb();
  const seeded = await seedSpans(prisma, tenancy.appId);
  await login(page, tenancy);
  // The page pins the app in the URL, so the link names what it shows.
  await expect(page).toHaveURL(new RegExp(`appId=${tenancy.appId}`));
  await tableReady(page);

  const rows = page.getByTestId("trace-row");
  await expect(rows).toHaveCount(50);
  await expect(page.getByTestId("total")).toHaveText(String(seeded.spans));
  const times = await rows.locator("time").evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute("datetime")!)));
  for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThanOrEqual(times[i - 1]);
  const firstOfPage1 = await rows.first().getAttribute("data-span-id");
  await page.screenshot({ path: testInfo.outputPath("traces-page-1.png"), fullPage: true });

  await page.getByRole("button", { name: "Next →" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page.getByTestId("page-number")).toHaveText("Page 2");
  // Page 1's rows stay on screen, marked busy, until page 2's arrive (use-traces.ts): wait for them, or
  // page 1's first row would be read as page 2's.
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(rows).toHaveCount(50);
  const firstOfPage2 = await rows.first().getAttribute("data-span-id");
  expect(firstOfPage2).not.toBe(firstOfPage1);
  // Page 2 continues where page 1 stopped: strictly older-or-equal, never overlapping.
  const page2Times = await rows.locator("time").evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute("datetime")!)));
  expect(page2Times[0]).toBeLessThanOrEqual(times[times.length - 1]);

  await page.getByRole("button", { name: "Next →" }).click();
  await expect(page.getByTestId("page-number")).toHaveText("Page 3");
  await expect(rows).toHaveCount(seeded.spans - 100);
  await expect(page.getByRole("button", { name: "Next →" })).toBeDisabled();

  await page.reload();
  await tableReady(page);
  await expect(page.getByTestId("page-number")).toHaveText("Page 3");
  await page.getByRole("button", { name: "← Previous" }).click();
  await expect(page.getByTestId("page-number")).toHaveText("Page 2");
  await expect(rows.first()).toHaveAttribute("data-span-id", firstOfPage2!);
  await page.getByRole("button", { name: "← Previous" }).click();
  await expect(page.getByTestId("page-number")).toHaveText("Page 1");
  await expect(rows.first()).toHaveAttribute("data-span-id", firstOfPage1!);
  await expect(page.getByRole("button", { name: "← Previous" })).toBeDisabled();
});

test("filters applied in the UI live in the URL and survive a reload", async ({ page, tenancy }, testInfo) => {
  const { prisma } = await e2eDb();
  await seedSpans(prisma, tenancy.appId);
  await login(page, tenancy);
  await tableReady(page);
  await expect(page.getByTestId("trace-row")).toHaveCount(50);

  await applyUiFilters(page);
  const expected = expectedMatches();
  expect(expected).toBeGreaterThan(3);

  const check = async () => {
    const url = new URL(page.url());
    expect(url.searchParams.get("model")).toBe(UI_FILTERS.model);
    expect(url.searchParams.getAll("score")).toEqual([`${UI_FILTERS.scoreName}${UI_FILTERS.op}${UI_FILTERS.value}`]);
    const { start, end } = urlRange(page.url());
    expect(end - start).toBe(UI_FILTERS.presetDays * 86_400_000);
    expect(url.searchParams.get("appId")).toBe(tenancy.appId);

    await expect(page.getByTestId("total")).toHaveText(String(expected));
    const rows = page.getByTestId("trace-row");
    await expect(rows).toHaveCount(expected);
    for (const row of await rows.all()) {
      await expect(row.locator('[data-col="model"]')).toHaveText(UI_FILTERS.model);
      const title = await row.getByTestId("score-chip").filter({ hasText: UI_FILTERS.scoreName }).getAttribute("title");
      expect(Number(title!.split("=")[1])).toBeGreaterThanOrEqual(UI_FILTERS.value);
      const t = Date.parse((await row.locator("time").getAttribute("datetime"))!);
      expect(t).toBeGreaterThanOrEqual(start);
      expect(t).toBeLessThanOrEqual(end);
    }
    // The filter bar shows what the URL holds.
    const bar = page.getByTestId("filter-bar");
    await expect(bar.getByLabel("Model")).toHaveValue(UI_FILTERS.model);
    await expect(bar.getByLabel("Score name 1")).toHaveValue(UI_FILTERS.scoreName);
    await expect(bar.getByLabel("Score operator 1")).toHaveValue(UI_FILTERS.op);
    await expect(bar.getByLabel("Score value 1")).toHaveValue(String(UI_FILTERS.value));
    await expect(bar.getByRole("button", { name: `Last ${UI_FILTERS.presetDays}d` })).toHaveAttribute("aria-pressed", "true");
  };
  await check();
  const before = page.url();
  await page.screenshot({ path: testInfo.outputPath("traces-filtered.png"), fullPage: true });

  await page.reload();
  await tableReady(page);
  expect(page.url()).toBe(before);
  await check();

  // A second score condition narrows further; removing it restores the view.
  const bar = page.getByTestId("filter-bar");
  await bar.getByRole("button", { name: "+ Add score condition" }).click();
  await bar.getByLabel("Score name 2").fill("correctness");
  await bar.getByLabel("Score operator 2").selectOption("<");
  await bar.getByLabel("Score value 2").fill("0.75");
  await bar.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/score=correctness%3C0\.75/);
  const narrowedCount = expectedMatches((v) => v < 0.75);
  expect(narrowedCount).toBeLessThan(expected);
  await expect(page.getByTestId("total")).toHaveText(String(narrowedCount));
  const narrowed = page.getByTestId("trace-row");
  await expect(narrowed).toHaveCount(narrowedCount);
  for (const row of await narrowed.all()) {
    const v = Number((await row.getByTestId("score-chip").filter({ hasText: "correctness" }).getAttribute("title"))!.split("=")[1]);
    expect(v).toBeGreaterThanOrEqual(0.5);
    expect(v).toBeLessThan(0.75);
  }
  await bar.getByRole("button", { name: "Remove score condition 2" }).click();
  await bar.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).not.toHaveURL(/0\.75/);
  await check();

  // A draft the schema rejects is not applied, and the message names the parameter.
  await bar.getByLabel("Metadata key").fill("region");
  await bar.getByRole("button", { name: "Apply filters" }).click();
  await expect(bar.getByText(/metadata_key and metadata_value must be given together/)).toBeVisible();
  await expect(page).not.toHaveURL(/metadata_key/);
  // The seeded region is "eu" exactly for the traces i % 3 == 0, which are the gpt-4o-mini ones.
  await bar.getByLabel("Metadata value").fill("us");
  await bar.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/metadata_key=region&metadata_value=us/);
  await expect(page.getByTestId("total")).toHaveText("0");
  await expect(page.getByText("No spans match these filters")).toBeVisible();
  await bar.getByLabel("Metadata value").fill("eu");
  await bar.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/metadata_key=region&metadata_value=eu/);
  await expect(page.getByTestId("total")).toHaveText(String(expected));
});

test("a row opens its detail: chat messages, tool calls, tools offered, scores and the trace's spans", async ({ page, tenancy }, testInfo) => {
  const { prisma } = await e2eDb();
  await seedSpans(prisma, tenancy.appId);
  await login(page, tenancy);
  await applyUiFilters(page);
  // Clicked at once, while the filtered page may still be loading: opening a row keeps the filters.
  const row = page.getByTestId("trace-row").first();
  await row.click();
  await expect(page).toHaveURL(/trace=.*span=/);
  expect(new URL(page.url()).searchParams.get("model")).toBe(UI_FILTERS.model);
  await expect(page.getByTestId("total")).toHaveText(String(expectedMatches()));

  const panel = page.getByTestId("detail-panel");
  await expect(panel.getByTestId("detail-title")).toHaveText("chat-completion");
  const input = panel.getByTestId("detail-input");
  await expect(input.getByTestId("chat-message").first()).toHaveAttribute("data-role", "system");
  await expect(input.locator('[data-role="user"]')).toContainText("Where is my order");
  // gpt-4o-mini traces are the ones with a tool call: its name, pretty arguments and its result.
  await expect(input.getByTestId("tool-call").first()).toContainText("lookup_order");
  await expect(input.getByTestId("tool-call").first()).toContainText(/"order_id": \d+/);
  await expect(input.locator('[data-role="tool"]')).toContainText("shipped");
  await expect(panel.getByTestId("detail-output").locator('[data-role="assistant"]')).toContainText("has shipped");
  // The tools the generation was offered: name and description.
  await expect(panel.getByTestId("detail-tools").getByTestId("tool-definition")).toContainText(["lookup_order"]);
  await expect(panel.getByTestId("detail-tools")).toContainText("Shipping status of an order");
  const scores = panel.getByTestId("detail-scores");
  await expect(scores).toContainText("correctness");
  await expect(scores).toContainText("helpfulness");
  await expect(panel.getByTestId("detail-metadata")).toContainText("support-bot");
  await page.screenshot({ path: testInfo.outputPath("detail-panel.png"), fullPage: false });

  // The trace's other spans: switch to the root, then back; a reload keeps the panel open.
  const tree = panel.getByTestId("trace-span");
  expect(await tree.count()).toBeGreaterThanOrEqual(2);
  await tree.filter({ hasText: "handle-support-request" }).click();
  await expect(panel.getByTestId("detail-title")).toHaveText("handle-support-request");
  await expect(panel.getByTestId("detail-input")).toContainText("Where is my order");
  await page.reload();
  await tableReady(page);
  await expect(page.getByTestId("detail-title")).toHaveText("handle-support-request");
  await page.getByRole("button", { name: "Close detail" }).click();
  await expect(page.getByTestId("detail-panel")).toHaveCount(0);
  await expect(page).not.toHaveURL(/trace=/);
});

test("an invalid link shows which parameter is wrong", async ({ page, tenancy }, testInfo) => {
  await login(page, tenancy);
  await page.goto(`/traces?appId=${tenancy.appId}&score=correctness>>1&type=WRONG&colour=red`);
  const notice = page.getByTestId("url-error");
  await expect(notice).toBeVisible({ timeout: 90_000 });
  await expect(notice).toContainText("score");
  await expect(notice).toContainText("type");
  await expect(notice).toContainText("colour is not a known parameter");
  await expect(page.getByTestId("open-export")).toBeDisabled();
  await page.screenshot({ path: testInfo.outputPath("invalid-link.png"), fullPage: true });
  await notice.getByRole("button", { name: "Clear filters" }).click();
  await tableReady(page);
  await expect(page.getByTestId("url-error")).toHaveCount(0);
  await expect(page.getByText("No spans in the last 30 days")).toBeVisible();
});
