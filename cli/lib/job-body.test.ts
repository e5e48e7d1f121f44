import { describe, expect, it } from "vitest";
import { CliError } from "./cli-error";
import { buildJobRequest } from "./job-body";
import { progressText } from "./job-progress";
import type { ExportJob } from "../../lib/core/export-jobs/contract";

const now = new Date("2026-12-01T12:00:00Z");

describe("--all flags → the job body", () => {
  it("maps the page export's flags 1:1 onto the body, plus format parquet, gzip and destination", () => {
    const r = buildJobRequest(
      { score: ["correctness>=0.8", "tone<0.3"], since: "7d", type: "generation", status: "error", metadata: "env=prod", lightweight: true, gzip: true, destination: "S3", limit: "10000" },
      now,
    );
    expect(r.body).toEqual({
      score: ["correctness>=0.8", "tone<0.3"],
      startDate: "2026-11-24T12:00:00.000Z",
      type: "GENERATION",
      status: "STATUS_CODE_ERROR",
      metadata_key: "env",
      metadata_value: "prod",
      lightweight: true,
      limit: 10000,
      compression: "gzip",
      destination: "s3",
    });
    expect(r.files).toEqual(["traces.jsonl.gz"]);
    expect(buildJobRequest({ format: "parquet" }, now).files).toEqual(["traces.parquet"]);
    expect(buildJobRequest({ format: "openai", validationFraction: "0.2" }, now).files).toEqual(["train.jsonl", "validation.jsonl"]);
    expect(buildJobRequest({ format: "openai", validationFraction: "0.2", split: "train" }, now).files).toEqual(["train.jsonl"]);
  });

  it("refuses what the contract refuses, naming flags", () => {
    const fails = (flags: Parameters<typeof buildJobRequest>[0]) => {
      try {
        buildJobRequest(flags, now);
      } catch (err) {
        expect(err).toBeInstanceOf(CliError);
        expect((err as CliError).exitCode).toBe(2);
        return (err as CliError).message;
      }
      throw new Error("accepted");
    };
    expect(fails({ format: "parquet", gzip: true })).toContain("--gzip");
    expect(fails({ limit: "0" })).toContain("--limit must be at least 1");
    expect(fails({ since: "2026-02-30" })).toContain("--since");
    expect(fails({ metadata: "k" })).toContain("--metadata must be key=value");
    expect(fails({ cursor: "x" })).toContain("--cursor");
  });
});

describe("progress text", () => {
  const job = (over: Partial<ExportJob>): ExportJob => ({
    id: "j1", app_id: "a", status: "running", format: "jsonl", params: {}, created_at: "", started_at: null, finished_at: null,
    total: 50_000, rows_read: 12_345, exported: 12_000, skipped: 0, skip_reasons: {}, bytes: 3 * 1024 * 1024, files: [], files_deleted_at: null, error: null, ...over,
  });
  it("says rows read of the total, the share and the bytes", () => {
    expect(progressText(job({}))).toBe("running: 12,345 of 50,000 rows read (24%), 3.0 MB written");
    expect(progressText(job({ total: null }))).toBe("running: 12,345 rows read, 3.0 MB written");
    expect(progressText(job({ status: "queued" }))).toBe("queued (waiting for a worker)");
  });
});
