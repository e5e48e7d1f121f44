// Support for the Traces and Export specs: the seeded data (test/seed-traces.ts), the filters the
// specs apply through the UI and what they should match, and the waits a `next dev` server needs.
import { expect as baseExpect, type Browser, type Page } from "@playwright/test";
import { SEED_MODELS, SEED_TRACES, TRACE_SPACING_MS, correctnessOf } from "../test/seed-traces";
import { createTenancy } from "../test/tenancy";
import { E2E_BASE_URL } from "./env";
import { e2eDb, login } from "./fixtures";

export { seedSpans } from "../test/seed-traces";

/**
 * The specs' `expect`, waiting up to 30 s instead of 10. Against `next dev` (React's development
 * build) on a shared 2-core machine, one URL change can take several seconds to render; the waits
 * only end early, so they cost nothing when the page is quick.
 */
export const expect = baseExpect.configure({ timeout: 30_000 });

/** The filters both specs apply through the UI. */
export const UI_FILTERS = { model: "gpt-4o-mini", scoreName: "correctness", op: ">=", value: 0.5, presetDays: 7 } as const;

/**
 * How many rows UI_FILTERS match in the seeded data: generations (only they have a model) of the
 * model's traces with correctness ≥ 0.5 that started inside the last 7 days. Seeding happens before
 * the preset is clicked, so trace i is inside exactly when i·3h + 1min < 7 days.
 */
export function expectedMatches(alsoCorrectness: (v: number) => boolean = () => true): number {
  let n = 0;
  for (let i = 0; i < SEED_TRACES; i++) {
    const inWindow = i * TRACE_SPACING_MS + 60_000 < UI_FILTERS.presetDays * 86_400_000;
    const c = correctnessOf(i);
    if (SEED_MODELS[i % SEED_MODELS.length] === UI_FILTERS.model && c >= UI_FILTERS.value && alsoCorrectness(c) && inWindow) n++;
  }
  return n;
}

/**
 * Waits until the Traces page is hydrated and has its first answer (the matching count is shown).
 * A full page load under `next dev` on a busy machine takes several seconds more than the default
 * 10-second wait; everything after it is a client-side fetch.
 */
export async function tableReady(page: Page): Promise<void> {
  await expect(page.getByTestId("total")).toBeVisible({ timeout: 90_000 });
}

/** Applies UI_FILTERS through the filter bar, as a user would. */
export async function applyUiFilters(page: Page): Promise<void> {
  await tableReady(page);
  const bar = page.getByTestId("filter-bar");
  await bar.getByRole("button", { name: `Last ${UI_FILTERS.presetDays}d` }).click();
  await expect(page).toHaveURL(/startDate=.*endDate=/);
  await bar.getByLabel("Model").fill(UI_FILTERS.model);
  await bar.getByRole("button", { name: "+ Add score condition" }).click();
  await bar.getByLabel("Score name 1").fill(UI_FILTERS.scoreName);
  await bar.getByLabel("Score operator 1").selectOption(UI_FILTERS.op);
  await bar.getByLabel("Score value 1").fill(String(UI_FILTERS.value));
  await bar.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/model=gpt-4o-mini/);
}

/** The URL's startDate/endDate, as the export and the table received them. */
export function urlRange(url: string): { start: number; end: number } {
  const sp = new URL(url).searchParams;
  return { start: Date.parse(sp.get("startDate")!), end: Date.parse(sp.get("endDate")!) };
}

/**
 * Visits every route these specs use once, through a real browser signed in as a throwaway user,
 * before the first test. Under `next dev` the first request of a route (and of its client bundle)
 * compiles it, which can take longer than the specs' 10-second waits on a busy machine; against a
 * production build this costs a second.
 */
export async function warmUp(browser: Browser): Promise<void> {
  const t = await createTenancy(await e2eDb(), "warmup");
  const page = await browser.newPage({ baseURL: E2E_BASE_URL });
  const slow = { timeout: 300_000 };
  try {
    // Server-side compiles first, over plain HTTP, so fewer of them happen while a page is open.
    for (const path of ["/login", "/traces", "/api/auth/csrf", "/api/auth/session", "/api/traces", "/api/traces/none", "/v1/traces/export"]) {
      await page.request.get(path, { ...slow, maxRedirects: 0 });
    }
    // The first compile of a route can hot-reload (or abort loading) the open page under `next dev`:
    // retry the whole sign-in.
    for (let attempt = 1; ; attempt++) {
      try {
        await login(page, t);
        break;
      } catch (err) {
        if (attempt >= 5) throw err;
      }
    }
    await expect(page.getByText("No spans in the last 30 days")).toBeVisible(slow);
  } finally {
    await page.close();
  }
}
