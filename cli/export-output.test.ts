// Where export bytes go: data on stdout (or the -o file), status on stderr; CSV byte for byte; the
// overwrite prompt asked before any request; the dry run's true total.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { baseUrl, makeTenancy, type Tenancy } from "../test/fixtures";
import { runCli, runCliOnPty, tempDirsPerTest } from "./test-support/run-cli";
import { chatInput, exportRequestCount, exportRequestQueries, seedSpans, type SeedSpan } from "./test-support/seed-spans";
import { parseJsonl, statusFigures } from "./test-support/jsonl";

const cwd = tempDirsPerTest();

const MIN = 60_000;
const SINCE = new Date(Date.now() - 24 * 60 * MIN).toISOString();
const UNTIL = new Date(Date.now() + 60 * MIN).toISOString();

const tricky = 'first line, with a comma\nsecond line with "quotes"\r\nthird line';

function spans(n: number): SeedSpan[] {
  return Array.from({ length: n }, (_, i) => ({
    spanId: `sp${String(i).padStart(2, "0")}`,
    name: i % 3 === 0 ? "retrieve" : "chat",
    type: i % 3 === 0 ? ("SPAN" as const) : ("GENERATION" as const),
    model: i % 3 === 0 ? undefined : "gpt-4o",
    timestamp: new Date(Date.now() - (i + 1) * MIN),
    tags: ["t"],
    metadata: { note: i === 1 ? "=SUM(A1:A2)" : "plain" },
    output: i === 1 ? [{ role: "assistant", content: tricky }] : undefined,
    scores: { correctness: i / 10 },
  }));
}

async function seeded(n = 12): Promise<Tenancy> {
  const t = await makeTenancy("cliout");
  await seedSpans(t.appId, spans(n));
  return t;
}

const baseArgs = (t: Tenancy) => ["export", "traces", "--base-url", baseUrl(), "--app", t.appId, "--api-key", t.apiKey, "--since", SINCE, "--until", UNTIL];

describe("flywheel export traces: output", () => {
  it("stdout carries only JSONL rows; counts and the trailer's figures go to stderr", async () => {
    const t = await seeded();
    const r = await runCli([...baseArgs(t), "--limit", "5"], { cwd: cwd() });
    expect(r.code).toBe(0);
    const rows = parseJsonl(r.stdout);
    expect(rows.map((x) => x.span_id)).toEqual(["sp00", "sp01", "sp02", "sp03", "sp04"]);
    expect(r.stdout).not.toContain("_export_meta");
    expect(r.stderr).not.toContain('"span_id"');
    const figures = statusFigures(r.stderr);
    expect(figures).toMatchObject({ exported: 5, total: 12 });
    expect(figures.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    // The multi-line assistant text survives JSON encoding intact.
    expect(rows[1].output).toEqual([{ role: "assistant", content: tricky }]);
  });

  it("CSV passes through byte for byte, with a multi-line quoted cell intact and figures from headers", async () => {
    const t = await seeded();
    const r = await runCli([...baseArgs(t), "--format", "csv"], { cwd: cwd() });
    expect(r.code).toBe(0);
    // The same request straight to the server: the CLI must not have changed a byte.
    const params = new URLSearchParams({ format: "csv", startDate: SINCE, endDate: UNTIL });
    const direct = await fetch(`${baseUrl()}/v1/traces/export?${params}`, { headers: { authorization: `Bearer ${t.apiKey}`, "x-app-id": t.appId } });
    expect(direct.status).toBe(200);
    expect(Buffer.compare(r.stdoutBytes, Buffer.from(await direct.arrayBuffer()))).toBe(0);

    const parsed = Papa.parse<Record<string, string>>(r.stdout, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((row) => row.span_id)).toEqual(spans(12).map((s) => s.spanId));
    const cell = parsed.data.find((row) => row.span_id === "sp01")!.output;
    expect(cell).toContain("second line with");
    expect(JSON.parse(cell)).toEqual([{ role: "assistant", content: tricky }]);
    expect(r.stdout).not.toContain("_export_meta");
    expect(statusFigures(r.stderr)).toMatchObject({ exported: 12, total: 12, nextCursor: undefined });
  });

  it("openai format: one {messages} example per line; skipped rows and reasons on stderr", async () => {
    const t = await seeded();
    const r = await runCli([...baseArgs(t), "--format", "openai"], { cwd: cwd() });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const generations = spans(12).filter((s) => s.type === "GENERATION");
    expect(lines).toHaveLength(generations.length);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(["messages"]);
      expect(l.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user", "assistant"]);
    }
    expect(lines[0].messages[1].content).toBe(chatInput("question for sp01")[1].content);
    expect(r.stderr).toMatch(new RegExp(`Exported ${generations.length} of 12 matching rows`));
    expect(r.stderr).toMatch(/Skipped 4 rows: \w+ 4/);
  });

  it("-o writes the same bytes to the file through a temp file and leaves nothing else behind", async () => {
    const t = await seeded();
    const dir = cwd();
    const toStdout = await runCli(baseArgs(t), { cwd: dir });
    const toFile = await runCli([...baseArgs(t), "-o", "out.jsonl"], { cwd: dir });
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe("");
    expect(toFile.stderr).toMatch(/Exported 12 of 12 matching rows to out\.jsonl/);
    expect(readFileSync(path.join(dir, "out.jsonl"), "utf8")).toBe(toStdout.stdout);
    expect(readdirSync(dir)).toEqual(["out.jsonl"]);
  });

  it("an existing -o file without a terminal: refused (exit 2) before any request", async () => {
    const t = await seeded(3);
    const dir = cwd();
    writeFileSync(path.join(dir, "keep.jsonl"), "precious\n");
    const r = await runCli([...baseArgs(t), "-o", "keep.jsonl"], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^flywheel: -o keep\.jsonl already exists; refusing to overwrite it without a terminal/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(readFileSync(path.join(dir, "keep.jsonl"), "utf8")).toBe("precious\n");
    expect(readdirSync(dir)).toEqual(["keep.jsonl"]);
    expect(await exportRequestCount(t.tenantId)).toBe(0);
  });

  it("an existing -o file on a terminal: asks first; 'n' keeps it and sends nothing, 'y' replaces it", async () => {
    const t = await seeded(3);
    const dir = cwd();
    const file = path.join(dir, "data.jsonl");
    writeFileSync(file, "precious\n");

    const no = await runCliOnPty([...baseArgs(t), "-o", "data.jsonl"], { cwd: dir, answers: [{ prompt: "Overwrite? [y/N]", type: "n\r" }] });
    expect(no.output).toContain("data.jsonl exists. Overwrite? [y/N]");
    expect(no.code).toBe(2);
    expect(no.output).toMatch(/Not overwriting data\.jsonl/);
    expect(readFileSync(file, "utf8")).toBe("precious\n");
    expect(await exportRequestCount(t.tenantId)).toBe(0);

    const yes = await runCliOnPty([...baseArgs(t), "-o", "data.jsonl"], { cwd: dir, answers: [{ prompt: "Overwrite? [y/N]", type: "y\r" }] });
    expect(yes.code).toBe(0);
    expect(yes.output).toMatch(/Exported 3 of 3 matching rows to data\.jsonl/);
    expect(parseJsonl(readFileSync(file, "utf8")).map((r) => r.span_id)).toEqual(["sp00", "sp01", "sp02"]);
    expect(readdirSync(dir)).toEqual(["data.jsonl"]);
    expect(await exportRequestCount(t.tenantId)).toBe(1);
  });

  it("--dry-run reports the true matching total, the filters and a sample; writes nothing", async () => {
    const t = await seeded(40);
    const dir = cwd();
    const filter = ["--score", "correctness>=1.5", "--type", "GENERATION"];
    const dry = await runCli([...baseArgs(t), ...filter, "-o", "never.jsonl", "--dry-run"], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe("");
    expect(existsSync(path.join(dir, "never.jsonl"))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    const total = Number(/^Matching rows: (\d+)$/m.exec(dry.stderr)?.[1]);
    // The real count, by a full export with the same filters.
    const full = await runCli([...baseArgs(t), ...filter, "--limit", "2000"], { cwd: dir });
    const real = parseJsonl(full.stdout).length;
    expect(real).toBe(spans(40).filter((s) => s.type === "GENERATION" && s.scores!.correctness >= 1.5).length);
    expect(real).toBeGreaterThan(5);
    expect(total).toBe(real);
    expect(dry.stderr).toMatch(/counts as one export/);
    expect(dry.stderr).toMatch(/Filters: .*type=GENERATION.*score=correctness>=1\.5/);
    expect(dry.stderr).toMatch(/Sample \(first 5\):/);
    expect(dry.stderr.match(/^ {2}\S.*gpt-4o.*$/gm)).toHaveLength(5);
    // The dry run asked for a small page with exactly the same filters.
    const [dryQuery] = (await exportRequestQueries(t.tenantId)).map((q) => new URLSearchParams(q));
    expect(dryQuery.get("limit")).toBe("5");
    expect(dryQuery.getAll("score")).toEqual(["correctness>=1.5"]);
    expect(dryQuery.get("type")).toBe("GENERATION");
  });

  it("--dry-run with CSV takes the total from the headers", async () => {
    const t = await seeded(12);
    const dry = await runCli([...baseArgs(t), "--format", "csv", "--model", "gpt-4o", "--dry-run", "--limit", "3"], { cwd: cwd() });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toBe("");
    expect(dry.stderr).toMatch(/^Matching rows: 8$/m);
    expect(dry.stderr).toMatch(/would write up to 3 rows now; follow the next cursor/);
    expect(dry.stderr).toMatch(/Sample \(first 3\):/);
    expect(new URLSearchParams((await exportRequestQueries(t.tenantId))[0]).get("limit")).toBe("3");
  });
});
