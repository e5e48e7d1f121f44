// Exit codes and messages of `flywheel export traces`: 2 for bad flags and a missing link or
// credentials (no request sent), 1 for auth failures, 5 for rate limits, server and network failures
// and broken streams — each one line on stderr, nothing on stdout, no partial -o file.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createServer, type Server } from "node:http";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { baseUrl, makeTenancy, testDb, type Tenancy } from "../test/fixtures";
import { freePort, startServer, type TestServer } from "../test/harness";
import { runCli, tempDirsPerTest } from "./test-support/run-cli";
import { exportRequestCount, seedSpans } from "./test-support/seed-spans";

const cwd = tempDirsPerTest();

const oneLine = (stderr: string) => expect(stderr.trim().split("\n")).toHaveLength(1);

let t: Tenancy;
beforeAll(async () => {
  t = await makeTenancy("clierr");
  await seedSpans(t.appId, [{ spanId: "e1", name: "x", type: "GENERATION", model: "m", timestamp: new Date(Date.now() - 60_000) }]);
});

const args = (...extra: string[]) => ["export", "traces", "--base-url", baseUrl(), "--app", t.appId, "--api-key", t.apiKey, ...extra];

describe("exit 2: bad flags, no link, no credentials — before any request", () => {
  const badFlags: [string[], RegExp][] = [
    [["--limit", "5000"], /--limit must be at most 2000/],
    [["--limit", "ten"], /--limit must be a whole number/],
    [["--since", "yesterday"], /--since must be an ISO 8601 date/],
    [["--until", "2026-13-45"], /--until must be an ISO 8601 date/],
    [["--since", "1d", "--until", "3d"], /--since must not be after --until/],
    [["--score", "correctness"], /--score "correctness" is not of the form name<op>value/],
    [["--metadata", "novalue"], /--metadata must be key=value/],
    [["--format", "xml"], /--format must be one of jsonl, openai, csv/],
    [["--type", "TRACE"], /--type must be one of GENERATION, SPAN, EVENT, all/],
    [["--status", "fine"], /--status must be one of STATUS_CODE_UNSET/],
    [["--min-score", "high"], /--min-score must be a number/],
    [["--cursor", "not-a-cursor"], /--cursor is not a cursor this server issued/],
    [["--model", ""], /--model must not be empty/],
    [["--bogus"], /unknown option '--bogus'/],
  ];
  it.each(badFlags)("%j", async (flags, message) => {
    const r = await runCli(args(...flags), { cwd: cwd() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    oneLine(r.stderr);
    // Refused locally: the server never saw the request.
    expect(await exportRequestCount(t.tenantId)).toBe(0);
  });

  it("no link and no flags: names what is missing", async () => {
    const dir = cwd();
    const none = await runCli(["export", "traces"], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("flywheel: No server URL: run `flywheel link`, pass --base-url, or set FLYWHEEL_BASE_URL\n");
    const noApp = await runCli(["export", "traces", "--base-url", baseUrl()], { cwd: dir });
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toMatch(/^flywheel: No app: run `flywheel link`/);
    const noKey = await runCli(["export", "traces", "--base-url", baseUrl(), "--app", t.appId], { cwd: dir });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/^flywheel: No credentials: run `flywheel link` or `flywheel login`/);
    const badEnv = await runCli(["export", "traces"], { cwd: dir, env: { FLYWHEEL_BASE_URL: "not a url" } });
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toMatch(/FLYWHEEL_BASE_URL must be a URL/);
  });
});

describe("exit 1: authentication and access", () => {
  it("an unknown key is a 401, a revoked key too, another tenant's app a 403", async () => {
    const bad = await runCli(["export", "traces", "--base-url", baseUrl(), "--app", t.appId, "--api-key", "fw_nope"], { cwd: cwd() });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/^flywheel: Authentication failed \(401\): .*Check the API key/);
    oneLine(bad.stderr);

    const victim = await makeTenancy("clirevoke");
    const { prisma } = await testDb();
    await prisma.apiKey.updateMany({ where: { tenantId: victim.tenantId }, data: { revokedAt: new Date() } });
    const revoked = await runCli(["export", "traces", "--base-url", baseUrl(), "--app", victim.appId, "--api-key", victim.apiKey], { cwd: cwd() });
    expect(revoked.code).toBe(1);

    const other = await makeTenancy("cliother");
    const dir = cwd();
    const denied = await runCli(["export", "traces", "--base-url", baseUrl(), "--app", other.appId, "--api-key", t.apiKey, "-o", "x.jsonl"], { cwd: dir });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/^flywheel: Access denied \(403\)/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("exit 5: rate limit, server and network failures", () => {
  let limited: TestServer;
  beforeAll(async () => {
    // A second real server on the same database with a limit of 2 exports per hour. A dev server
    // needs its own dist dir; a production server shares the build.
    const dev = process.env.FLYWHEEL_TEST_SERVER === "dev";
    limited = await startServer(inject("databaseUrl"), {
      FLYWHEEL_EXPORT_RATE_LIMIT: "2",
      // Jobs of other test files on this database are left to the run's server, which outlives them.
      FLYWHEEL_WORKER: "off",
      ...(dev ? { NEXT_DIST_DIR: `${process.env.NEXT_DIST_DIR ?? ".next"}-ratelimit` } : {}),
    });
  });
  afterAll(async () => limited?.stop());

  it("a real 429 exits 5 with the server's Retry-After in minutes, and writes no file", async () => {
    const own = await makeTenancy("cli429");
    await seedSpans(own.appId, [{ spanId: "r1", name: "x", type: "SPAN", timestamp: new Date(Date.now() - 60_000) }]);
    const dir = cwd();
    const run = (...extra: string[]) =>
      runCli(["export", "traces", "--base-url", limited.baseUrl, "--app", own.appId, "--api-key", own.apiKey, ...extra], { cwd: dir });
    expect((await run()).code).toBe(0);
    // A dry run is a real export request too: it spends the second one.
    expect((await run("--dry-run")).code).toBe(0);
    const third = await run("-o", "third.jsonl");
    expect(third.code).toBe(5);
    expect(third.stdout).toBe("");
    expect(third.stderr).toMatch(/^flywheel: Rate limit reached \(429\): try again in (\d+) minutes?\.\n$/);
    const minutes = Number(/try again in (\d+) minute/.exec(third.stderr)![1]);
    expect(minutes).toBeGreaterThanOrEqual(1);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(readdirSync(dir)).toEqual([]);
    expect(await exportRequestCount(own.tenantId)).toBe(2);
  });

  it("a server that is not there exits 5", async () => {
    const r = await runCli(["export", "traces", "--base-url", `http://127.0.0.1:${await freePort()}`, "--app", "a", "--api-key", "k"], { cwd: cwd() });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^flywheel: Cannot reach the Flywheel server at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\n$/);
  });
});

// The real server cannot be made to fail halfway on demand, so these cases use a deliberately
// broken HTTP server on a loopback port: it answers the way a crashed or cut-off export would.
describe("exit 5: broken streams (a deliberately broken server)", () => {
  let server: Server;
  let url: string;
  const rows = '{"span_id":"a"}\n{"span_id":"b"}\n';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const mode = new URL(req.url!, "http://x").searchParams.get("name");
      if (mode === "error500") {
        res.writeHead(500, { "content-type": "application/problem+json" });
        return res.end(JSON.stringify({ error: { code: "internal_error", status: 500, detail: "Internal error (request r1)" } }));
      }
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      if (mode === "notrailer") return res.end(rows);
      if (mode === "errortrailer") {
        return res.end(rows + JSON.stringify({ _export_meta: { error: "database connection lost", total: null, exported: 2, skipped: 0, skip_reasons: {}, next_cursor: null } }) + "\n");
      }
      if (mode === "cut") {
        res.write(rows);
        setImmediate(() => res.socket?.destroy());
        return;
      }
      res.end(rows + JSON.stringify({ _export_meta: { total: 2, exported: 2, skipped: 0, skip_reasons: {}, next_cursor: null } }) + "\n");
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const run = (dir: string, mode: string, ...extra: string[]) =>
    runCli(["export", "traces", "--base-url", url, "--app", "a", "--api-key", "k", "--name", mode, ...extra], { cwd: dir });

  it("control: a complete body with its trailer exits 0 and keeps the file", async () => {
    const dir = cwd();
    const r = await run(dir, "complete", "-o", "ok.jsonl");
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(["ok.jsonl"]);
  });

  it.each([
    ["notrailer", /ended without its _export_meta trailer/],
    ["errortrailer", /failed on the server after 2 rows: database connection lost/],
    ["cut", /stream broke off|ended without its _export_meta trailer/],
    ["error500", /^flywheel: Server error \(500\): Internal error/],
  ])("%s: exit 5, one line, and no file kept", async (mode, message) => {
    const dir = cwd();
    const r = await run(dir, mode, "-o", "out.jsonl");
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(message);
    oneLine(r.stderr);
    expect(existsSync(path.join(dir, "out.jsonl"))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("to stdout, rows before the failure may have gone out, but never the trailer line", async () => {
    const r = await run(cwd(), "errortrailer");
    expect(r.code).toBe(5);
    expect(r.stdout).not.toContain("_export_meta");
  });
});
