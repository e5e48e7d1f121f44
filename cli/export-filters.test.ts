// Every filter flag of `flywheel export traces` lands in the export query 1:1 (read back from the
// server's export_request audit table) and the rows the real server returns satisfy it.
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, makeTenancy, testDb, type Tenancy } from "../test/fixtures";
import { createApp } from "../lib/core/tenancy";
import { runCli, tempDirsPerTest } from "./test-support/run-cli";
import { exportRequestQueries, seedSpans } from "./test-support/seed-spans";
import { D, H, IN_DEFAULT_WINDOW, filterDataset, ids, type DatasetSpan } from "./test-support/filter-dataset";
import { parseJsonl, statusFigures, type Row } from "./test-support/jsonl";

const tempDir = tempDirsPerTest();

let t: Tenancy;
let data: DatasetSpan[];
let now: number;

beforeAll(async () => {
  t = await makeTenancy("cliflt");
  now = Date.now();
  data = filterDataset(now);
  await seedSpans(t.appId, data);
});

async function exportWith(flags: string[]) {
  const r = await runCli(["export", "traces", "--base-url", baseUrl(), "--app", t.appId, "--api-key", t.apiKey, ...flags], { cwd: tempDir() });
  expect(r.code, r.stderr).toBe(0);
  const queries = await exportRequestQueries(t.tenantId);
  return { rows: parseJsonl(r.stdout), stderr: r.stderr, query: new URLSearchParams(queries.at(-1)) };
}

const score = (r: Row, name: string) => (r.scores as Record<string, number>)[name];
const near = (iso: string | null, expectedMs: number) => {
  expect(iso).not.toBeNull();
  // The CLI resolves relative times against its own clock, a little after `now`.
  expect(Math.abs(Date.parse(iso!) - expectedMs)).toBeLessThan(10 * 60_000);
};

interface Case {
  flags: string[];
  /** Which dataset spans the flag selects (from the default 30-day window unless `window` is set). */
  selects: (s: DatasetSpan) => boolean;
  window?: (s: DatasetSpan) => boolean;
  /** The query parameters the flag must have produced. */
  query: (q: URLSearchParams) => void;
  /** What each returned row must satisfy, judged from the row itself. */
  row?: (r: Row) => void;
}

const cases: Record<string, Case> = {
  "--model": {
    flags: ["--model", "gpt-4o"],
    selects: (s) => s.model === "gpt-4o",
    query: (q) => expect(q.getAll("model")).toEqual(["gpt-4o"]),
    row: (r) => expect(r.model).toBe("gpt-4o"),
  },
  "--type": {
    flags: ["--type", "GENERATION"],
    selects: (s) => s.type === "GENERATION",
    query: (q) => expect(q.get("type")).toBe("GENERATION"),
    row: (r) => expect(r.type).toBe("GENERATION"),
  },
  "--type (lower case)": {
    flags: ["--type", "event"],
    selects: (s) => s.type === "EVENT",
    query: (q) => expect(q.get("type")).toBe("EVENT"),
    row: (r) => expect(r.type).toBe("EVENT"),
  },
  "--status": {
    flags: ["--status", "STATUS_CODE_ERROR"],
    selects: (s) => s.status === "STATUS_CODE_ERROR",
    query: (q) => expect(q.get("status")).toBe("STATUS_CODE_ERROR"),
    row: (r) => expect(r.status).toBe("STATUS_CODE_ERROR"),
  },
  "--status (short form)": {
    flags: ["--status", "ok"],
    selects: (s) => s.status === "STATUS_CODE_OK",
    query: (q) => expect(q.get("status")).toBe("STATUS_CODE_OK"),
    row: (r) => expect(r.status).toBe("STATUS_CODE_OK"),
  },
  "--name (case-insensitive partial)": {
    flags: ["--name", "chat"],
    selects: (s) => s.name.toLowerCase().includes("chat"),
    query: (q) => expect(q.get("name")).toBe("chat"),
    row: (r) => expect(String(r.span_name).toLowerCase()).toContain("chat"),
  },
  "--user-id": {
    flags: ["--user-id", "u_bob"],
    selects: (s) => s.userId === "u_bob",
    query: (q) => expect(q.get("userId")).toBe("u_bob"),
    row: (r) => expect(r.user_id).toBe("u_bob"),
  },
  "--tag": {
    flags: ["--tag", "prod"],
    selects: (s) => (s.tags ?? []).includes("prod"),
    query: (q) => expect(q.get("tag")).toBe("prod"),
    row: (r) => expect(r.tags).toContain("prod"),
  },
  "--metadata key=value": {
    flags: ["--metadata", "env=staging"],
    selects: (s) => s.metadata?.env === "staging",
    query: (q) => {
      expect(q.get("metadata_key")).toBe("env");
      expect(q.get("metadata_value")).toBe("staging");
    },
    row: (r) => expect((r.metadata as Record<string, string>).env).toBe("staging"),
  },
  "--score": {
    flags: ["--score", "correctness>=0.8"],
    selects: (s) => (s.scores?.correctness ?? -Infinity) >= 0.8,
    query: (q) => expect(q.getAll("score")).toEqual(["correctness>=0.8"]),
    row: (r) => expect(score(r, "correctness")).toBeGreaterThanOrEqual(0.8),
  },
  "--score (repeated: all must hold)": {
    flags: ["--score", "correctness>=0.8", "--score", "helpfulness>=4"],
    selects: (s) => (s.scores?.correctness ?? -1) >= 0.8 && (s.scores?.helpfulness ?? -1) >= 4,
    query: (q) => expect(q.getAll("score")).toEqual(["correctness>=0.8", "helpfulness>=4"]),
    row: (r) => expect(score(r, "helpfulness")).toBeGreaterThanOrEqual(4),
  },
  "--score with != (rows without that score never match)": {
    flags: ["--score", "correctness!=0.4"],
    selects: (s) => s.scores?.correctness !== undefined && s.scores.correctness !== 0.4,
    query: (q) => expect(q.getAll("score")).toEqual(["correctness!=0.4"]),
    row: (r) => expect(score(r, "correctness")).not.toBe(0.4),
  },
  "--min-score": {
    flags: ["--min-score", "4.5"],
    selects: (s) => Object.values(s.scores ?? {}).some((v) => v >= 4.5),
    query: (q) => expect(q.get("minScore")).toBe("4.5"),
  },
  "--max-score": {
    flags: ["--max-score", "0.3"],
    selects: (s) => Object.values(s.scores ?? {}).some((v) => v <= 0.3),
    query: (q) => expect(q.get("maxScore")).toBe("0.3"),
  },
  "--since (relative)": {
    flags: ["--since", "3d"],
    selects: (s) => s.ageMs < 3 * D,
    query: (q) => near(q.get("startDate"), now - 3 * D),
  },
  "--since (ISO) with --until (relative)": {
    flags: ["--since", new Date(Date.now() - 9 * D).toISOString(), "--until", "24h"],
    selects: (s) => s.ageMs > 1 * D && s.ageMs < 9 * D,
    query: (q) => {
      near(q.get("startDate"), now - 9 * D);
      near(q.get("endDate"), now - 1 * D);
    },
  },
  "--until alone (window: 30 days before it)": {
    flags: ["--until", "4d"],
    selects: (s) => s.ageMs > 4 * D && s.ageMs <= 34 * D,
    window: () => true,
    query: (q) => {
      near(q.get("endDate"), now - 4 * D);
      expect(q.get("startDate")).toBeNull();
    },
  },
  "--since reaching past the default window": {
    flags: ["--since", "90d"],
    selects: () => true,
    window: () => true,
    query: (q) => near(q.get("startDate"), now - 90 * D),
  },
  "--limit": {
    flags: ["--limit", "3"],
    selects: (s) => ["s01", "s06", "s02"].includes(s.spanId),
    query: (q) => expect(q.get("limit")).toBe("3"),
  },
};

describe("flywheel export traces: each flag lands in the query and filters the rows", () => {
  it.each(Object.entries(cases))("%s", async (_name, c) => {
    const window = data.filter(c.window ?? IN_DEFAULT_WINDOW);
    const expected = ids(window.filter(c.selects));
    // A test that could not fail would prove nothing: the flag must select some rows, and a different
    // set from an export without it.
    expect(expected.length).toBeGreaterThan(0);
    expect(expected).not.toEqual(ids(data.filter(IN_DEFAULT_WINDOW)));
    const { rows, query, stderr } = await exportWith(c.flags);
    expect(rows.map((r) => r.span_id)).toEqual(expected);
    for (const r of rows) c.row?.(r);
    c.query(query);
    expect(statusFigures(stderr).exported).toBe(expected.length);
  });

  it("no flags: the last 30 days, newest first, with the default limit", async () => {
    const { rows, query, stderr } = await exportWith([]);
    expect(rows.map((r) => r.span_id)).toEqual(ids(data.filter(IN_DEFAULT_WINDOW)));
    expect([...query.keys()]).toEqual([]);
    expect(statusFigures(stderr)).toMatchObject({ exported: 7, total: 7, nextCursor: undefined });
    expect(stderr).toMatch(/No more rows/);
  });

  it("--lightweight drops input, output, tool_calls and tools", async () => {
    const { rows, query } = await exportWith(["--lightweight", "--type", "GENERATION"]);
    expect(query.get("lightweight")).toBe("true");
    expect(rows.length).toBe(data.filter(IN_DEFAULT_WINDOW).filter((s) => s.type === "GENERATION").length);
    for (const r of rows) {
      expect(r).not.toHaveProperty("input");
      expect(r).not.toHaveProperty("output");
      expect(r).not.toHaveProperty("tool_calls");
      expect(r).not.toHaveProperty("tools");
      expect(r).toHaveProperty("model");
    }
    const full = await exportWith(["--type", "GENERATION"]);
    expect(full.rows[0]).toHaveProperty("input");
    expect(full.rows[0]).toHaveProperty("tools");
    expect(full.query.get("lightweight")).toBeNull();
  });

  it("--cursor pages through every matching row exactly once; the hint names the next cursor", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { rows, stderr, query } = await exportWith(["--limit", "2", ...(cursor ? ["--cursor", cursor] : [])]);
      expect(query.get("cursor")).toBe(cursor ?? null);
      seen.push(...rows.map((r) => r.span_id));
      const figures = statusFigures(stderr);
      expect(figures.total).toBe(7);
      cursor = figures.nextCursor;
      if (!cursor) break;
      expect(stderr).toContain(`Next page: flywheel export traces --app ${t.appId} --limit 2 --base-url ${baseUrl()} --api-key <key> --cursor ${cursor}\n`);
    }
    expect(cursor).toBeUndefined();
    expect(seen).toEqual(ids(data.filter(IN_DEFAULT_WINDOW)));
  });

  it("--app picks the app; an app outside the key's tenant is refused (exit 1) without data", async () => {
    const other = await createApp(await testDb(), { tenant: t.tenantId, name: "second", id: `${t.appId}_second` });
    await seedSpans(other.id, [{ spanId: "x1", name: "other app", type: "SPAN", timestamp: new Date(now - H) }]);
    const cwd = tempDir();
    const r = await runCli(["export", "traces", "--base-url", baseUrl(), "--app", other.id, "--api-key", t.apiKey], { cwd });
    expect(r.code).toBe(0);
    expect(parseJsonl(r.stdout).map((x) => x.span_id)).toEqual(["x1"]);

    const foreign = await makeTenancy("cliforeign");
    const denied = await runCli(["export", "traces", "--base-url", baseUrl(), "--app", foreign.appId, "--api-key", t.apiKey], { cwd });
    expect(denied.code).toBe(1);
    expect(denied.stdout).toBe("");
    expect(denied.stderr).toMatch(/^flywheel: Access denied \(403\)/);
  });
});
