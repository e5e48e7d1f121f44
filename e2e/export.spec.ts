// The Export dialog in a real browser: each format downloaded with exactly the table's filters and
// parsed (every row satisfies them; the count equals the table's), the row-limit validation, the
// trailer figures, and the 429 message once the tenant's quota is used up.
import { readFile } from "node:fs/promises";
import Papa from "papaparse";
import type { Download, Page } from "@playwright/test";
import { exampleTokens } from "../lib/core/export/finetune/count-tokens";
import { validateOpenAiExample } from "../lib/core/export/openai-validate";
import { E2E_RATE_LIMIT } from "./env";
import { e2eDb, login, test } from "./fixtures";
import { UI_FILTERS, applyUiFilters, expect, expectedMatches, seedSpans, tableReady, urlRange, warmUp } from "./traces-support";

test.slow();
test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  await warmUp(browser);
});

const FORMAT_LABEL = { jsonl: /^JSONL/, openai: /^OpenAI chat/, csv: /^CSV/ } as const;
type Format = keyof typeof FORMAT_LABEL;

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

async function download(page: Page, format: Format, limit: string): Promise<{ file: Download; text: string }> {
  const dialog = page.getByTestId("export-dialog");
  await dialog.getByRole("radio", { name: FORMAT_LABEL[format] }).check();
  await dialog.getByLabel("Row limit").fill(limit);
  const [file] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download" }).click()]);
  const text = await readFile((await file.path())!, "utf8");
  await expect(dialog.getByTestId("export-result")).toContainText(`Saved ${file.suggestedFilename()}`);
  return { file, text };
}

interface Row {
  model: string | null;
  timestamp: string;
  scores: Record<string, number>;
}

function satisfiesFilters(row: Row, range: { start: number; end: number }) {
  expect(row.model).toBe(UI_FILTERS.model);
  expect(row.scores[UI_FILTERS.scoreName]).toBeGreaterThanOrEqual(UI_FILTERS.value);
  const t = Date.parse(row.timestamp);
  expect(t).toBeGreaterThanOrEqual(range.start);
  expect(t).toBeLessThanOrEqual(range.end);
}

test("each format downloads exactly the table's filtered rows", async ({ page, tenancy }, testInfo) => {
  const { prisma } = await e2eDb();
  await seedSpans(prisma, tenancy.appId);
  await login(page, tenancy);
  await applyUiFilters(page);
  const expected = expectedMatches();
  await expect(page.getByTestId("total")).toHaveText(String(expected));
  const tableTotal = Number(await page.getByTestId("total").textContent());
  const range = urlRange(page.url());

  await page.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByTestId("export-dialog");
  await expect(dialog).toBeVisible();
  // The active filters as chips, and the table's matching count.
  const chips = dialog.getByTestId("filter-chip");
  await expect(chips.filter({ hasText: `model: ${UI_FILTERS.model}` })).toHaveCount(1);
  await expect(chips.filter({ hasText: `score: ${UI_FILTERS.scoreName}${UI_FILTERS.op}${UI_FILTERS.value}` })).toHaveCount(1);
  await expect(chips.filter({ hasText: "from:" })).toHaveCount(1);
  await expect(dialog.getByTestId("export-total")).toHaveText(String(tableTotal));
  await expect(dialog.getByLabel("Row limit")).toHaveValue("500");
  await page.screenshot({ path: testInfo.outputPath("export-dialog.png") });

  // JSONL: the trailer is checked and stripped; every row satisfies the filters; all rows arrive.
  const jsonl = await download(page, "jsonl", "500");
  expect(jsonl.file.suggestedFilename()).toBe(`${tenancy.appId}-jsonl-${today()}.jsonl`);
  const jsonlRows = jsonl.text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  expect(jsonlRows.some((r) => "_export_meta" in r)).toBe(false);
  expect(jsonlRows).toHaveLength(tableTotal);
  for (const r of jsonlRows) satisfiesFilters(r, range);
  await expect(dialog.getByTestId("export-figures")).toContainText(`${tableTotal} rows exported of ${tableTotal} matching`);
  await page.screenshot({ path: testInfo.outputPath("export-done.png") });

  // OpenAI chat: every line a valid fine-tuning example; exported + skipped = the matching count.
  const openai = await download(page, "openai", "500");
  expect(openai.file.suggestedFilename()).toBe(`${tenancy.appId}-openai-${today()}.jsonl`);
  const examples = openai.text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  for (const ex of examples) expect(validateOpenAiExample(ex)).toEqual({ ok: true });
  // The seeded generations are all complete conversations, so none is skipped.
  expect(examples).toHaveLength(tableTotal);
  expect(examples.every((ex) => ex.messages.at(-1).role === "assistant")).toBe(true);
  await expect(dialog.getByTestId("export-figures")).toContainText(`${tableTotal} rows exported of ${tableTotal} matching`);

  // CSV: a header row and one row per matching span; nested scores are JSON text.
  const csv = await download(page, "csv", "500");
  expect(csv.file.suggestedFilename()).toBe(`${tenancy.appId}-csv-${today()}.csv`);
  const parsed = Papa.parse<Record<string, string>>(csv.text.trim(), { header: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(tableTotal);
  for (const r of parsed.data) satisfiesFilters({ model: r.model, timestamp: r.timestamp, scores: JSON.parse(r.scores) }, range);

  // A limit below the count: the newest rows only, with the next_cursor hint.
  const limited = await download(page, "jsonl", "3");
  const limitedRows = limited.text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  expect(limitedRows).toHaveLength(3);
  expect(limitedRows.map((r) => r.span_id)).toEqual(jsonlRows.slice(0, 3).map((r) => r.span_id));
  await expect(dialog.getByTestId("next-cursor-hint")).toContainText(`${tableTotal - 3} more matching rows`);
  await page.screenshot({ path: testInfo.outputPath("export-partial.png") });
});

test("the row limit refuses 0 and 2001", async ({ page, tenancy }) => {
  const { prisma } = await e2eDb();
  await seedSpans(prisma, tenancy.appId, { traces: 5 });
  await login(page, tenancy);
  await tableReady(page);
  await page.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByTestId("export-dialog");
  const limit = dialog.getByLabel("Row limit");
  const downloadButton = dialog.getByRole("button", { name: "Download" });
  await expect(downloadButton).toBeEnabled();

  await limit.fill("0");
  await expect(dialog.getByText("Row limit must be at least 1")).toBeVisible();
  await expect(downloadButton).toBeDisabled();
  await limit.fill("2001");
  await expect(dialog.getByText("Row limit must be at most 2000")).toBeVisible();
  await expect(downloadButton).toBeDisabled();
  await limit.fill("12.5");
  await expect(dialog.getByText(/Row limit must be a whole number/)).toBeVisible();
  await expect(downloadButton).toBeDisabled();
  await limit.fill("2000");
  await expect(downloadButton).toBeEnabled();
  await expect(dialog.getByRole("alert")).toHaveCount(0);
});

test("a used-up export quota shows when to try again, and saves nothing", async ({ page, tenancy }, testInfo) => {
  const { prisma } = await e2eDb();
  await seedSpans(prisma, tenancy.appId, { traces: 5 });
  // The tenant's whole hourly quota, used by other exports a moment ago.
  await prisma.exportRequest.createMany({
    data: Array.from({ length: E2E_RATE_LIMIT }, (_, i) => ({
      tenantId: tenancy.tenantId,
      appId: tenancy.appId,
      actor: `key:quota-${i}`,
      format: "jsonl",
      query: "",
    })),
  });
  await login(page, tenancy);
  await tableReady(page);
  let downloads = 0;
  page.on("download", () => downloads++);

  await page.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByTestId("export-dialog");
  await dialog.getByRole("button", { name: "Download" }).click();
  const error = dialog.getByTestId("export-error");
  await expect(error).toContainText(/Export quota used up — try again in \d+ minutes?/);
  // Retry-After counts down from an hour: the oldest of these requests leaves the window in ~60 minutes.
  const minutes = Number(/in (\d+) minute/.exec((await error.textContent())!)![1]);
  expect(minutes).toBeGreaterThan(55);
  expect(minutes).toBeLessThanOrEqual(60);
  expect(downloads).toBe(0);
  await page.screenshot({ path: testInfo.outputPath("export-429.png") });
});

test("OpenAI chat with fine-tuning options: whole traces, split, token budget, redaction; figures shown", async ({ page, tenancy }, testInfo) => {
  const { prisma } = await e2eDb();
  await seedSpans(prisma, tenancy.appId, { traces: 12 });
  await login(page, tenancy);
  await tableReady(page);
  await page.getByRole("button", { name: "Export" }).click();
  const dialog = page.getByTestId("export-dialog");
  // Only "Redact personal data" until OpenAI chat is chosen.
  await expect(dialog.getByTestId("export-redact")).toBeVisible();
  await expect(dialog.getByTestId("export-unit")).toHaveCount(0);
  await dialog.getByRole("radio", { name: FORMAT_LABEL.openai }).check();
  await dialog.getByLabel("One example per").selectOption("trace");
  await dialog.getByLabel("Split").selectOption("train");
  await dialog.getByLabel("Validation fraction").fill("1.5");
  await expect(dialog.getByText("Validation fraction must be less than 1")).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Download" })).toBeDisabled();
  await dialog.getByLabel("Validation fraction").fill("0.25");
  await dialog.getByLabel("Max tokens per example").fill("80");
  await dialog.getByTestId("export-dedupe").check();
  await dialog.getByTestId("export-redact").check();
  await page.screenshot({ path: testInfo.outputPath("export-finetune-options.png") });

  const [file] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download" }).click()]);
  const text = await readFile((await file.path())!, "utf8");
  const examples = text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  for (const ex of examples) expect(validateOpenAiExample(ex)).toEqual({ ok: true });
  const tokens = examples.reduce((n, ex) => n + exampleTokens(ex), 0);
  for (const ex of examples) expect(exampleTokens(ex)).toBeLessThanOrEqual(80);
  await expect(dialog.getByTestId("export-result")).toBeVisible();
  await expect(dialog.getByTestId("export-figures")).toContainText(`${examples.length} trace examples exported of`);
  await expect(dialog.getByTestId("export-tokens")).toContainText(`${tokens.toLocaleString("en-US")} tokens`);
  await expect(dialog.getByTestId("export-redactions")).toContainText("Redacted:");
  // Traces on the validation side are not in this file at all; the longer tool traces are too long for 80 tokens.
  await expect(dialog.getByTestId("skip-reasons")).toContainText("too long");
  await page.screenshot({ path: testInfo.outputPath("export-finetune-result.png") });
});
