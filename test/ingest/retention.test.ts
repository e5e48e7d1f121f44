// Score retention: scores past the window are deleted, scores inside it and every span are kept; the
// `npm run db:retention` command runs the job once and prints {"deleted":N}.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { upsertSpans } from "../../lib/core/ingest/upsert-spans";
import type { SpanRow } from "../../lib/core/ingest/span-row";
import { deleteExpiredScores, retentionCutoff } from "../../lib/core/retention";
import { makeTenancy, testDb } from "../fixtures";

const DAY = 24 * 60 * 60 * 1000;
const ROOT = path.resolve(__dirname, "..", "..");

function spanRow(traceId: string, spanId: string): SpanRow {
  return {
    trace_id: traceId,
    span_id: spanId,
    parent_span_id: null,
    span_name: "retained",
    type: "SPAN",
    model: null,
    status: "STATUS_CODE_UNSET",
    status_message: null,
    // Old spans too: retention is about scores only, whatever the span's age.
    timestamp: new Date(Date.now() - 200 * DAY).toISOString(),
    end_time: null,
    latency_ms: null,
    input: null,
    output: null,
    tool_calls: null,
    metadata: {},
    user_id: null,
    session_id: null,
    tags: [],
    input_tokens: null,
    output_tokens: null,
    cost: null,
    tools: null,
    attributes: {},
  };
}

/** A trace with two spans and one score per given age (in days), created that long ago. */
async function seed(label: string, ages: number[]) {
  const t = await makeTenancy(label);
  const db = await testDb();
  const { prisma } = db;
  const traceId = "9".repeat(32);
  await upsertSpans(db, t.appId, [spanRow(traceId, "1".repeat(16)), spanRow(traceId, "2".repeat(16))]);
  const ids: Record<number, string> = {};
  for (const age of ages) {
    const s = await prisma.score.create({
      data: { appId: t.appId, traceId, name: `age-${age}`, value: age, createdAt: new Date(Date.now() - age * DAY) },
    });
    ids[age] = s.id;
  }
  return { t, ids };
}

async function remainingAges(appId: string): Promise<number[]> {
  const { prisma } = await testDb();
  const rows = await prisma.score.findMany({ where: { appId }, select: { value: true } });
  return rows.map((r) => r.value).sort((a, b) => a - b);
}

function runRetentionCommand(env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "db:retention"], { cwd: ROOT, env: env as NodeJS.ProcessEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("score retention", () => {
  it("computes the cutoff from whole days and refuses a bad window", () => {
    const now = new Date("2026-03-31T12:00:00Z");
    expect(retentionCutoff(90, now).toISOString()).toBe("2025-12-31T12:00:00.000Z");
    expect(() => retentionCutoff(0, now)).toThrow();
  });

  it("deletes exactly the scores older than the window and no span", async () => {
    const { t } = await seed("retention", [1, 29, 31, 45]);
    // Scoped to this test's app: a 30-day run over the shared test database would delete the scores
    // other suites keep on purpose. (The job proper covers every app; the command test below runs it.)
    const db = await testDb();
    const result = await deleteExpiredScores(db, 30, { appId: t.appId });
    expect(result).toEqual({ deleted: 2 });
    expect(await remainingAges(t.appId)).toEqual([1, 29]);
    expect(await db.prisma.span.count({ where: { appId: t.appId } })).toBe(2);
  });

  it("npm run db:retention uses the 90-day default and prints {deleted: N}", async () => {
    const { t } = await seed("retentioncli", [89, 91, 400]);
    const env = { ...process.env, DATABASE_URL: inject("databaseUrl"), FLYWHEEL_SCORE_RETENTION_DAYS: undefined, NODE_ENV: "test" };
    const run = await runRetentionCommand(env);
    expect(run.code, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout.trim()) as unknown;
    expect(printed).toEqual({ deleted: expect.any(Number) });
    // The server's hourly job (same 90 days) may have deleted some first; either way the window
    // decides what is left, and no span goes.
    expect(await remainingAges(t.appId)).toEqual([89]);
    const { prisma } = await testDb();
    expect(await prisma.span.count({ where: { appId: t.appId } })).toBe(2);
  });

  it("npm run db:retention reads FLYWHEEL_SCORE_RETENTION_DAYS through the env module", async () => {
    // A bad value must stop the command with a message naming it. (A real shorter window is not run
    // here: it would delete scores that other suites sharing this database rely on.)
    const run = await runRetentionCommand({ ...process.env, DATABASE_URL: inject("databaseUrl"), FLYWHEEL_SCORE_RETENTION_DAYS: "soon" });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/FLYWHEEL_SCORE_RETENTION_DAYS/);
    expect(run.stdout.trim()).toBe("");
  });
});
