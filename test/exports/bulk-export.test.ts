// Bulk export jobs through the real server and database (SPEC §7, docs/bulk-exports.md): a job over
// more rows than a page equals a full cursor walk of the page route, row for row; files match the
// manifest's checksums; gzip, csv, openai's train/validation split and parquet are read back by real
// readers.
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTenancy, type Tenancy } from "../fixtures";
import { exportNdjson, walk } from "../export/http";
import { ago, generation, insertScores, insertSpans, type SeedSpan } from "../export/seed";
import { exportJobSchema, type ExportJob } from "../../lib/core/export-jobs/contract";
import { createJob, download, waitForJob } from "./jobs-http";

const ROWS = 2_600; // more than a page (2,000)

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** Spans in threes sharing one timestamp (ties the order must break by span id), a third of them GENERATIONs. */
function seedRows(): SeedSpan[] {
  const spans: SeedSpan[] = [];
  for (let i = 0; i < ROWS; i++) {
    const ts = ago(Math.floor(i / 3) + 1);
    const traceId = `tr${String(Math.floor(i / 3)).padStart(5, "0")}`;
    const spanId = `sp${String(i).padStart(5, "0")}`;
    if (i % 3 === 0) spans.push(generation(traceId, spanId, ts, { tags: ["bulk"], metadata: { k: String(i % 7) } }));
    else spans.push({ traceId, spanId, timestamp: ts, name: `step ${i}`, type: i % 3 === 1 ? "SPAN" : "EVENT", tags: ["bulk"], input: { i }, output: `out ${i}` });
  }
  return spans;
}

async function succeeded(t: Tenancy, body: Record<string, unknown>): Promise<ExportJob> {
  const created = await createJob(t, body);
  expect(created.status).toBe("queued");
  const job = await waitForJob(t, created.id);
  expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
  return job;
}

/** Every file of the job downloaded; each matches the manifest's size and sha256, and the manifest is the job. */
async function filesOf(t: Tenancy, job: ExportJob): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const manifest = exportJobSchema.parse(JSON.parse((await download(t, job.id, "manifest.json")).bytes.toString("utf8")));
  expect(manifest).toEqual(job);
  for (const f of job.files) {
    const { bytes } = await download(t, job.id, f.name);
    expect(bytes.length).toBe(f.bytes);
    expect(sha256(bytes)).toBe(f.sha256);
    out.set(f.name, bytes);
  }
  return out;
}

const lines = (b: Buffer) => b.toString("utf8").split("\n").filter(Boolean);

describe("bulk export jobs", () => {
  let t: Tenancy;
  const startDate = ago(ROWS + 60);

  beforeAll(async () => {
    t = await makeTenancy("bulk");
    await insertSpans(t.appId, seedRows());
    await insertScores(t.appId, [{ traceId: "tr00000", name: "correctness", value: 0.9 }]);
  });

  it("writes every matching row once, in the page route's order: equal to a full cursor walk", async () => {
    const job = await succeeded(t, { startDate });
    expect(job).toMatchObject({ format: "jsonl", total: ROWS, rows_read: ROWS, exported: ROWS, skipped: 0 });
    expect(job.files.map((f) => f.name)).toEqual(["traces.jsonl"]);
    expect(job.params).toMatchObject({ format: "jsonl", compression: "none", destination: "local", limit: 5_000_000, startDate });
    const file = (await filesOf(t, job)).get("traces.jsonl")!;
    const { rows, pages } = await walk(t, { limit: 2000, startDate, endDate: job.params.endDate as string });
    expect(pages).toBe(2);
    expect(lines(file).map((l) => JSON.parse(l))).toEqual(rows);
    expect(job.files[0].rows).toBe(ROWS);
  });

  it("honours limit and filters, and gzip writes a file gunzip reads whole", async () => {
    const plain = await succeeded(t, { startDate, type: "GENERATION", limit: 700 });
    const gz = await succeeded(t, { startDate, type: "GENERATION", limit: 700, compression: "gzip" });
    expect(gz.files.map((f) => f.name)).toEqual(["traces.jsonl.gz"]);
    const a = (await filesOf(t, plain)).get("traces.jsonl")!;
    const b = (await filesOf(t, gz)).get("traces.jsonl.gz")!;
    expect(gunzipSync(b).equals(a)).toBe(true);
    expect(lines(a)).toHaveLength(700);
    expect(lines(a).every((l) => JSON.parse(l).type === "GENERATION")).toBe(true);
    expect(plain).toMatchObject({ exported: 700, rows_read: 700, total: Math.ceil(ROWS / 3) });
  });

  it("csv: one header, then every row, RFC 4180", async () => {
    const job = await succeeded(t, { startDate, format: "csv", lightweight: true });
    const text = (await filesOf(t, job)).get("traces.csv")!.toString("utf8");
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(ROWS);
    expect(parsed.meta.fields).not.toContain("input");
    expect(job.exported).toBe(ROWS);
  });

  it("openai with validationFraction writes train.jsonl and validation.jsonl, split as the page route splits", async () => {
    const job = await succeeded(t, { startDate, format: "openai", validationFraction: 0.3 });
    const files = await filesOf(t, job);
    expect([...files.keys()]).toEqual(["train.jsonl", "validation.jsonl"]);
    const train = lines(files.get("train.jsonl")!);
    const validation = lines(files.get("validation.jsonl")!);
    expect(train.length + validation.length).toBe(job.exported);
    expect(job.exported).toBe(Math.ceil(ROWS / 3));
    expect(validation.length).toBeGreaterThan(0);
    expect(job.tokens).toBeGreaterThan(0);
    // The same split the page route makes.
    const pageTrain: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await exportNdjson(t, { format: "openai", split: "train", validationFraction: 0.3, limit: 2000, startDate, endDate: job.params.endDate as string, cursor });
      pageTrain.push(...page.lines.map((l) => JSON.stringify(l)));
      cursor = page.meta.next_cursor ?? undefined;
    } while (cursor);
    expect(train).toEqual(pageTrain);
    expect(JSON.parse(train[0])).toHaveProperty("messages");
  });

  it("parquet: one column per field, read back by DuckDB with the same rows", async () => {
    const job = await succeeded(t, { startDate, format: "parquet" });
    expect(job.files.map((f) => f.name)).toEqual(["traces.parquet"]);
    const file = (await filesOf(t, job)).get("traces.parquet")!;
    const dir = await mkdtemp(path.join(tmpdir(), "fw-parquet-"));
    try {
      const at = path.join(dir, "t.parquet");
      await writeFile(at, file);
      const { DuckDBInstance } = await import("@duckdb/node-api");
      const db = await DuckDBInstance.create(":memory:");
      const con = await db.connect();
      await con.run("SET TimeZone = 'UTC'");
      const schema = (await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${at}')`)).getRowObjects();
      const types = Object.fromEntries(schema.map((r) => [r.column_name, r.column_type]));
      expect(Object.keys(types)).toEqual(["trace_id", "span_id", "span_name", "type", "model", "status", "latency_ms", "timestamp", "input", "output", "tool_calls", "metadata", "user_id", "tags", "input_tokens", "output_tokens", "cost", "scores", "tools"]);
      expect(types.timestamp).toBe("TIMESTAMP WITH TIME ZONE");
      expect(types.input).toBe("VARCHAR");
      const rows = (await con.runAndReadAll(`SELECT span_id, strftime(timestamp, '%Y-%m-%dT%H:%M:%S.%fZ') AS ts, input, scores FROM read_parquet('${at}')`)).getRowObjects();
      expect(rows).toHaveLength(ROWS);
      const walked = await walk(t, { limit: 2000, startDate, endDate: job.params.endDate as string });
      expect(rows.map((r) => r.span_id)).toEqual(walked.rows.map((r) => r.span_id));
      expect(rows.map((r) => r.ts)).toEqual(walked.rows.map((r) => r.timestamp));
      expect(JSON.parse(String(rows[0].input))).toEqual(walked.rows[0].input);
      con.closeSync();
      db.closeSync();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("fine-tuning options across a whole job", () => {
  it("dedupe=true skips an example written in any earlier page of the job, as duplicate", async () => {
    const t = await makeTenancy("bulkdedupe");
    const spans: SeedSpan[] = [];
    for (let i = 0; i < 2_500; i++) {
      const variant = i % 10;
      spans.push(generation(`dt${i}`, `ds${String(i).padStart(5, "0")}`, ago(i / 10 + 1), {
        input: [{ role: "user", content: `Question ${variant}?` }],
        output: [{ role: "assistant", content: `Answer ${variant}.` }],
      }));
    }
    await insertSpans(t.appId, spans);
    const job = await succeeded(t, { format: "openai", dedupe: true, startDate: ago(400) });
    expect(job).toMatchObject({ total: 2_500, rows_read: 2_500, exported: 10, skipped: 2_490, skip_reasons: { duplicate: 2_490 } });
    const train = lines((await filesOf(t, job)).get("train.jsonl")!);
    expect(new Set(train).size).toBe(10);
  });

  it("redact=true counts redactions over the whole job", async () => {
    const t = await makeTenancy("bulkredact");
    await insertSpans(t.appId, Array.from({ length: 30 }, (_, i) => generation(`rt${i}`, `rs${i}`, ago(i + 1), { input: [{ role: "user", content: `mail me at user${i}@example.com` }] })));
    const job = await succeeded(t, { redact: true, startDate: ago(100) });
    expect(job.redactions).toEqual({ email: 30 });
    const text = (await filesOf(t, job)).get("traces.jsonl")!.toString("utf8");
    expect(text).not.toContain("@example.com");
    expect(text).toContain("[EMAIL]");
  });
});
