// Bulk exports from the CLI (SPEC §7), against the real server and database: `export traces --all`
// writes exactly the rows a cursor walk of the page route visits; stdout carries only data and
// progress goes to stderr; --no-wait, status, list, download and cancel follow a job; a failed job
// exits 3, a cancelled one 4, Ctrl-C leaves the job running; bad flags exit 2 before any request.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportJobListSchema, exportJobSchema, type ExportJob } from "../lib/core/export-jobs/contract";
import { baseUrl, makeTenancy, type Tenancy } from "../test/fixtures";
import { runCli, runCliOnPty, tempDirsPerTest } from "./test-support/run-cli";
import { exportRequestCount, seedSpans, type SeedSpan } from "./test-support/seed-spans";
import { parseJsonl, type Row } from "./test-support/jsonl";
import { failQueuedJob, holdTenantBusy, spawnCli, type WatchedCli } from "./test-support/export-jobs";

const cwd = tempDirsPerTest();

const MIN = 60_000;
const SINCE = new Date(Date.now() - 3 * 24 * 60 * MIN).toISOString();
const UNTIL = new Date(Date.now() + 60 * MIN).toISOString();

function spans(n: number): SeedSpan[] {
  // Many rows share a timestamp, so the order's tie-break (span id) is exercised across pages.
  return Array.from({ length: n }, (_, i) => ({
    spanId: `sp${String(i).padStart(5, "0")}`,
    name: i % 4 === 0 ? "retrieve" : "chat",
    type: i % 4 === 0 ? ("SPAN" as const) : ("GENERATION" as const),
    model: i % 4 === 0 ? undefined : "gpt-4o",
    timestamp: new Date(Date.now() - 10 * MIN - Math.floor(i / 7) * 1000),
    tags: ["bulk"],
    scores: { correctness: (i % 10) / 10 },
  }));
}

async function seeded(n: number, label = "clijob"): Promise<Tenancy> {
  const t = await makeTenancy(label);
  await seedSpans(t.appId, spans(n));
  return t;
}

const conn = (t: Tenancy) => ["--base-url", baseUrl(), "--app", t.appId, "--api-key", t.apiKey];
const allArgs = (t: Tenancy) => ["export", "traces", "--all", ...conn(t), "--since", SINCE, "--until", UNTIL];

/** Every row of the page route, following next_cursor until it is null (2,000 rows a page). */
async function cursorWalk(t: Tenancy, extra: Record<string, string> = {}): Promise<Row[]> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ startDate: SINCE, endDate: UNTIL, limit: "2000", ...extra });
    if (cursor) params.set("cursor", cursor);
    const res = await fetch(`${baseUrl()}/v1/traces/export?${params}`, { headers: { authorization: `Bearer ${t.apiKey}`, "x-app-id": t.appId } });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l));
    const meta = lines.pop()._export_meta;
    rows.push(...lines);
    cursor = meta.next_cursor;
  } while (cursor);
  return rows;
}

async function jobStatus(t: Tenancy, id: string): Promise<ExportJob> {
  const r = await runCli(["export", "status", id, "--json", ...conn(t)], { cwd: cwd() });
  expect(r.code, r.stderr).toBe(0);
  return exportJobSchema.parse(JSON.parse(r.stdout));
}

async function untilFinished(t: Tenancy, id: string): Promise<ExportJob> {
  for (let i = 0; i < 120; i++) {
    const job = await jobStatus(t, id);
    if (["succeeded", "failed", "cancelled"].includes(job.status)) return job;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`job ${id} did not finish`);
}

/**
 * A job the CLI waits for (`-o x.jsonl` in `dir`) while the tenant's one running slot is held, so it
 * stays queued until `check` has run; the slot is given back whatever `check` does.
 */
async function whileQueued(check: (job: { t: Tenancy; dir: string; waiting: WatchedCli; id: string }) => Promise<void>): Promise<void> {
  const t = await seeded(10);
  const release = await holdTenantBusy(t.tenantId, t.appId);
  try {
    const dir = cwd();
    const waiting = spawnCli([...allArgs(t), "-o", "x.jsonl"], { cwd: dir });
    const [, id] = await waiting.waitForStderr(/Export job (\S+) created/);
    await check({ t, dir, waiting, id });
  } finally {
    await release();
  }
}

describe("flywheel export traces --all", () => {
  it("writes every matching row to -o: exactly the rows a cursor walk of the page route visits, in order", async () => {
    const t = await seeded(2_600);
    const dir = cwd();
    const r = await runCli([...allArgs(t), "-o", "all.jsonl"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    const rows = parseJsonl(readFileSync(path.join(dir, "all.jsonl"), "utf8"));
    const walked = await cursorWalk(t);
    expect(walked).toHaveLength(2_600);
    expect(rows).toHaveLength(2_600);
    expect(rows).toEqual(walked);
    expect(r.stderr).toMatch(/Export job \S+ created \(traces\.jsonl\)/);
    expect(r.stderr).toContain("Exported 2,600 of 2,600 matching rows to all.jsonl");
    // No temp file left beside it.
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("to stdout: only the rows on stdout; progress and the summary on stderr", async () => {
    const t = await seeded(40);
    const r = await runCli([...allArgs(t), "--type", "GENERATION", "--score", "correctness>=0.5"], { cwd: cwd() });
    expect(r.code, r.stderr).toBe(0);
    const rows = parseJsonl(r.stdout);
    expect(rows).toEqual(await cursorWalk(t, { type: "GENERATION", score: "correctness>=0.5" }));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.type).toBe("GENERATION");
    expect(r.stderr).toMatch(/Export job \S+ (queued|running|succeeded)/);
    expect(r.stderr).toContain(`Exported ${rows.length} of ${rows.length} matching rows to stdout`);
    expect(r.stderr).not.toContain('"span_id"');
  });

  it("--no-wait prints only the job id; status, list and download follow the job", async () => {
    const t = await seeded(30);
    const r = await runCli([...allArgs(t), "--no-wait", "--format", "csv"], { cwd: cwd() });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^[A-Za-z0-9_-]+\n$/);
    const id = r.stdout.trim();
    expect(r.stderr).toContain(`flywheel export status ${id}`);

    const job = await untilFinished(t, id);
    expect(job).toMatchObject({ id, status: "succeeded", format: "csv", exported: 30, total: 30 });
    expect(job.files.map((f) => f.name)).toEqual(["traces.csv"]);

    const human = await runCli(["export", "status", id, ...conn(t)], { cwd: cwd() });
    expect(human.stdout).toMatch(/Status:\s+succeeded/);
    expect(human.stdout).toContain("traces.csv");

    const list = await runCli(["export", "list", "--json", ...conn(t)], { cwd: cwd() });
    expect(list.code).toBe(0);
    expect(exportJobListSchema.parse(JSON.parse(list.stdout)).jobs.map((j) => j.id)).toEqual([id]);
    const table = await runCli(["export", "list", ...conn(t)], { cwd: cwd() });
    expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+STATUS\s+FORMAT/);
    expect(table.stdout).toContain(id);

    const dir = cwd();
    const dl = await runCli(["export", "download", id, "-o", "spans.csv", ...conn(t)], { cwd: dir });
    expect(dl.code, dl.stderr).toBe(0);
    const csv = readFileSync(path.join(dir, "spans.csv"), "utf8");
    expect(csv.trim().split("\n")).toHaveLength(31);
    const manifest = await runCli(["export", "download", id, "--file", "manifest.json", ...conn(t)], { cwd: dir });
    expect(manifest.code, manifest.stderr).toBe(0);
    expect(exportJobSchema.parse(JSON.parse(manifest.stdout))).toMatchObject({ id, status: "succeeded" });
    const nope = await runCli(["export", "download", id, "--file", "nope.txt", ...conn(t)], { cwd: dir });
    expect(nope.code).toBe(2);
    expect(nope.stderr).toContain("--file nope.txt is not a file of export job");
    // -o exists and no terminal to ask: refused.
    const again = await runCli(["export", "download", id, "-o", "spans.csv", ...conn(t)], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
  });

  it("on a terminal: asks before overwriting -o (before the job is created), then draws a progress bar", async () => {
    const t = await seeded(25);
    const dir = cwd();
    writeFileSync(path.join(dir, "old.jsonl"), "old\n");
    const no = await runCliOnPty([...allArgs(t), "-o", "old.jsonl"], { cwd: dir, answers: [{ prompt: "Overwrite? [y/N]", type: "n\r" }] });
    expect(no.code).toBe(2);
    expect(await exportRequestCount(t.tenantId)).toBe(0);
    expect(readFileSync(path.join(dir, "old.jsonl"), "utf8")).toBe("old\n");

    const yes = await runCliOnPty([...allArgs(t), "-o", "old.jsonl"], { cwd: dir, answers: [{ prompt: "Overwrite? [y/N]", type: "y\r" }] });
    expect(yes.code, yes.output).toBe(0);
    // The bar is redrawn in place: carriage return, clear line, [####…].
    expect(yes.output).toMatch(/\r\x1b\[2K\[[#-]{30}\] (queued|running|succeeded)/);
    expect(parseJsonl(readFileSync(path.join(dir, "old.jsonl"), "utf8"))).toHaveLength(25);
  });

  it("openai with a validation fraction writes two files: -o names a directory, stdout refuses before any request", async () => {
    const t = await seeded(60);
    const args = [...allArgs(t), "--format", "openai", "--validation-fraction", "0.3"];
    const refused = await runCli(args, { cwd: cwd() });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("stdout can take only one");
    expect(await exportRequestCount(t.tenantId)).toBe(0);

    const dir = cwd();
    const r = await runCli([...args, "-o", "finetune"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(path.join(dir, "finetune")).sort()).toEqual(["train.jsonl", "validation.jsonl"]);
    const lines = (f: string) => readFileSync(path.join(dir, "finetune", f), "utf8").trim().split("\n").filter(Boolean);
    const train = lines("train.jsonl");
    const validation = lines("validation.jsonl");
    // Every generation (3 of 4 spans) becomes one example, on exactly one side.
    expect(train.length + validation.length).toBe(45);
    for (const l of [...train, ...validation]) expect(JSON.parse(l)).toHaveProperty("messages");
  });

  it("a job cancelled while the CLI waits exits 4; `export cancel` says what it did", async () => {
    await whileQueued(async ({ t, waiting, id }) => {
      await waiting.waitForStderr(/queued/);
      const cancel = await runCli(["export", "cancel", id, ...conn(t)], { cwd: cwd() });
      expect(cancel.code, cancel.stderr).toBe(0);
      expect(cancel.stderr).toContain(`Cancelled export job ${id}`);
      expect(await waiting.exited).toBe(4);
      expect(waiting.stderr()).toContain(`Export job ${id} was cancelled`);
      const dl = await runCli(["export", "download", id, ...conn(t)], { cwd: cwd() });
      expect(dl.code).toBe(4);
    });
  });

  it("a job that fails exits 3 with its reason, and keeps no file", async () => {
    await whileQueued(async ({ t, dir, waiting, id }) => {
      await failQueuedJob(id, { code: "storage_failed", detail: "no space left on device" });
      expect(await waiting.exited).toBe(3);
      expect(waiting.stderr()).toContain(`Export job ${id} failed (storage_failed: no space left on device)`);
      expect(readdirSync(dir)).toEqual([]);
      const status = await runCli(["export", "status", id, ...conn(t)], { cwd: cwd() });
      expect(status.stdout).toContain("Error:     storage_failed: no space left on device");
      const dl = await runCli(["export", "download", id, ...conn(t)], { cwd: cwd() });
      expect(dl.code).toBe(3);
    });
  });

  it("Ctrl-C stops waiting, not the job, and says how to follow it", async () => {
    await whileQueued(async ({ t, dir, waiting, id }) => {
      await waiting.waitForStderr(/queued/);
      waiting.child.kill("SIGINT");
      expect(await waiting.exited).toBe(130);
      expect(waiting.stderr()).toContain(`export job ${id} keeps running on the server`);
      expect(waiting.stderr()).toContain(`flywheel export status ${id}`);
      expect(readdirSync(dir)).toEqual([]);
      expect((await jobStatus(t, id)).status).toBe("queued");
    });
  });

  it("bad flags exit 2 naming the flag, before any request", async () => {
    const t = await makeTenancy("clijobbad");
    const cases: [string[], string][] = [
      [["--format", "parquet", "--gzip"], "--gzip gzip applies to text formats"],
      [["--limit", "0"], "--limit must be at least 1"],
      [["--destination", "ftp"], "--destination must be one of local, s3"],
      [["--unit", "trace"], "--unit is a fine-tuning option"],
      [["--cursor", "abc"], "--cursor continues a page export"],
      [["--format", "xml"], "--format must be one of jsonl, openai, csv, parquet"],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli([...allArgs(t), ...flags], { cwd: cwd() });
      expect(r.code, flags.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
    }
    const noAll = await runCli(["export", "traces", ...conn(t), "--gzip"], { cwd: cwd() });
    expect(noAll.code).toBe(2);
    expect(noAll.stderr).toContain("--gzip applies to bulk exports; add --all");
    const parquetPage = await runCli(["export", "traces", ...conn(t), "--format", "parquet"], { cwd: cwd() });
    expect(parquetPage.code).toBe(2);
    const badId = await runCli(["export", "status", "../etc", ...conn(t)], { cwd: cwd() });
    expect(badId.code).toBe(2);
    expect(await exportRequestCount(t.tenantId)).toBe(0);
  });

  it("another tenant's job id is not found (exit 1)", async () => {
    const a = await seeded(5, "clijoba");
    const b = await makeTenancy("clijobb");
    const r = await runCli([...allArgs(a), "--no-wait"], { cwd: cwd() });
    const id = r.stdout.trim();
    for (const verb of ["status", "download", "cancel"]) {
      const other = await runCli(["export", verb, id, ...conn(b)], { cwd: cwd() });
      expect(other.code, verb).toBe(1);
      expect(other.stderr).toContain(`No export job ${id}`);
    }
    expect(existsSync(id)).toBe(false);
  });
});
