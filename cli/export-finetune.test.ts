// `flywheel export traces` with the fine-tuning flags: each maps 1:1 onto its query parameter, misuse
// is refused before any request, and --dry-run tells how many examples a page would write and their tokens.
import { describe, expect, it } from "vitest";
import { baseUrl, makeTenancy, type Tenancy } from "../test/fixtures";
import { exampleTokens } from "../lib/core/export/finetune/count-tokens";
import { runCli, tempDirsPerTest } from "./test-support/run-cli";
import { chatOutput, exportRequestQueries, seedSpans } from "./test-support/seed-spans";
import { parseJsonl } from "./test-support/jsonl";

const cwd = tempDirsPerTest();
const MIN = 60_000;

async function seeded(): Promise<Tenancy> {
  const t = await makeTenancy("cliftune");
  // Four traces of two turns each (one call per turn); two of them say the same thing.
  await seedSpans(
    t.appId,
    Array.from({ length: 8 }, (_, i) => {
      const trace = Math.floor(i / 2);
      const said = trace === 3 ? 2 : trace;
      return {
        spanId: `ft${i}`,
        name: "chat",
        traceId: `trace_${trace}`,
        type: "GENERATION" as const,
        model: "gpt-4o",
        timestamp: new Date(Date.now() - (10 - i) * MIN),
        input: [{ role: "user", content: `turn ${i % 2} of conversation ${said}, mail ada@example.com` }],
        output: chatOutput(`answer ${i % 2} of conversation ${said}`),
      };
    }),
  );
  return t;
}

const base = (t: Tenancy) => ["export", "traces", "--base-url", baseUrl(), "--app", t.appId, "--api-key", t.apiKey, "--since", "1d"];

describe("flywheel export traces: fine-tuning flags", () => {
  it("maps --unit --dedupe --split --validation-fraction --max-tokens --redact onto the query", async () => {
    const t = await seeded();
    const args = ["--format", "openai", "--unit", "trace", "--dedupe", "--split", "train", "--validation-fraction", "0.01", "--max-tokens", "5000", "--redact"];
    const r = await runCli([...base(t), ...args], { cwd: cwd() });
    expect(r.code, r.stderr).toBe(0);
    const [q] = (await exportRequestQueries(t.tenantId)).map((x) => new URLSearchParams(x));
    expect(Object.fromEntries(["unit", "dedupe", "split", "validationFraction", "maxTokens", "redact"].map((k) => [k, q.get(k)]))).toEqual({
      unit: "trace", dedupe: "true", split: "train", validationFraction: "0.01", maxTokens: "5000", redact: "true",
    });
    const examples = parseJsonl(r.stdout) as unknown as { messages: { content: string }[] }[];
    expect(examples.length).toBeGreaterThan(0);
    expect(r.stdout).not.toContain("ada@example.com");
    expect(r.stderr).toMatch(/Tokens in the examples written: \d+/);
    expect(r.stderr).toMatch(/Redacted: \d+ email/);
  });

  it("--dry-run reports the examples a page would write and their tokens, and writes nothing", async () => {
    const t = await seeded();
    const plain = await runCli([...base(t), "--format", "openai", "--unit", "trace", "--dedupe"], { cwd: cwd() });
    const written = parseJsonl(plain.stdout) as unknown as { messages: unknown[] }[];
    expect(written).toHaveLength(3); // conversation 2 twice: one duplicate
    const tokens = written.reduce((n, ex) => n + exampleTokens(ex), 0);
    const dry = await runCli([...base(t), "--format", "openai", "--unit", "trace", "--dedupe", "--dry-run"], { cwd: cwd() });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toBe("");
    expect(dry.stderr).toMatch(/^Matching traces: 4$/m);
    expect(dry.stderr).toContain(`would write 3 examples (${tokens} tokens, o200k_base)`);
    expect(dry.stderr).toMatch(/It would skip 1: duplicate 1/);
    expect(dry.stderr).toMatch(/Filters: .*unit=trace.*dedupe/);
  });

  it.each([
    [["--unit", "trace"], "--unit"],
    [["--format", "csv", "--dedupe"], "--dedupe"],
    [["--format", "openai", "--validation-fraction", "2"], "--validation-fraction"],
    [["--format", "openai", "--max-tokens", "-5"], "--max-tokens"],
    [["--format", "openai", "--split", "test"], "--split"],
  ])("refuses %j before any request, naming %s", async (args, flag) => {
    const t = await makeTenancy("cliftbad");
    const r = await runCli([...base(t), ...args], { cwd: cwd() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(flag);
    expect(await exportRequestQueries(t.tenantId)).toEqual([]);
  });
});
