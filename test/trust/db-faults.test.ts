// The database goes away under a running server, and comes back. A TCP proxy between a server of the
// test's own and the run's database stands in for a restart or a cut network (tcp-proxy.ts); on
// PostgreSQL, pg_terminate_backend on the server's own sessions stands in for a failover. Checked:
// health answers 503 while the database is away and recovers by itself; every route answers 503 +
// Retry-After + database_unavailable (never a 500, which OTLP exporters would not retry; a protobuf
// ingest request gets it as a google.rpc.Status); every
// acknowledged span is stored; a stream whose connection drops ends within seconds — jsonl with its
// error line, csv as an aborted transfer — instead of hanging.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeTenancy, testDb, type Tenancy } from "../fixtures";
import { startServer, type TestServer } from "../harness";
import { callExport } from "../export/http";
import { insertLargeGenerations } from "../export/seed";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";
import { ExportTraceServiceRequest, RpcStatus } from "../../lib/core/ingest/otlp-proto";

const APP_NAME = "flywheel_faults";
const onPostgres = !!process.env.TEST_DATABASE_URL;
let proxy: TcpProxy;
let server: TestServer;
let t: Tenancy;
const ROWS = 2000;

beforeAll(async () => {
  proxy = await startTcpProxy(inject("databaseUrl"));
  const url = new URL(proxy.url);
  url.searchParams.set("application_name", APP_NAME);
  // No export workers: this server's sessions are cut and terminated on purpose, and a bulk job of
  // another test file (same database, same queue) that it claimed would fail with them.
  server = await startServer(url.toString(), { FLYWHEEL_WORKER: "off" });
  t = await makeTenancy("faults");
  await insertLargeGenerations(t.appId, "faults", ROWS);
}, 240_000);

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
});

const keyHeaders = () => ({ authorization: `Bearer ${t.apiKey}`, "x-app-id": t.appId });

function otlpBatch(traceHex: string, n: number) {
  const now = BigInt(Date.now()) * 1_000_000n;
  return {
    resourceSpans: [{
      resource: { attributes: [{ key: "service.name", value: { stringValue: "faults" } }] },
      scopeSpans: [{
        spans: Array.from({ length: n }, (_, i) => ({
          traceId: traceHex,
          spanId: (i + 1).toString(16).padStart(16, "0"),
          name: `batch-${traceHex.slice(0, 4)}-${i}`,
          startTimeUnixNano: String(now),
          endTimeUnixNano: String(now + 1_000_000n),
        })),
      }],
    }],
  };
}

const ingest = (body: unknown) =>
  fetch(`${server.baseUrl}/v1/traces`, { method: "POST", headers: { ...keyHeaders(), "content-type": "application/json" }, body: JSON.stringify(body) });

/** Polls health until it answers 200 (the wait is not the assertion: the deadline is). */
async function healthyWithin(ms: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const res = await fetch(`${server.baseUrl}/api/health`).catch(() => undefined);
    if (res?.status === 200) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`health did not recover in ${ms} ms (last status ${res?.status})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function expectUnavailable(res: Response, what: string) {
  expect(res.status, what).toBe(503);
  expect(Number(res.headers.get("retry-after")), what).toBeGreaterThan(0);
  const body = (await res.json()) as { error?: { code?: string }; ok?: boolean; database?: string };
  return body;
}

describe("while the database is away", () => {
  it("health answers 503 {ok:false} and recovers by itself when the database returns", async () => {
    const ok = await fetch(`${server.baseUrl}/api/health`);
    expect(ok.status).toBe(200);
    await proxy.cut();
    try {
      const res = await fetch(`${server.baseUrl}/api/health`);
      expect(await expectUnavailable(res, "health")).toEqual({ ok: false, database: "unreachable" });
    } finally {
      await proxy.restore();
    }
    expect(await healthyWithin(15_000)).toBeLessThan(15_000);
  });

  it("every route answers 503 database_unavailable with Retry-After, and every acknowledged span is stored", async () => {
    const before = await ingest(otlpBatch("a".repeat(32), 20));
    expect(before.status).toBe(200);
    await proxy.cut();
    try {
      const calls: [string, Promise<Response>][] = [
        ["ingest", ingest(otlpBatch("b".repeat(32), 20))],
        ["export", callExport(t, { limit: 5 }, { base: server.baseUrl })],
        ["table", fetch(`${server.baseUrl}/api/traces`, { headers: keyHeaders() })],
        ["trace", fetch(`${server.baseUrl}/api/traces/${"a".repeat(32)}`, { headers: keyHeaders() })],
        ["scores", fetch(`${server.baseUrl}/v1/scores`, { method: "POST", headers: { ...keyHeaders(), "content-type": "application/json" }, body: JSON.stringify({ trace_id: "a".repeat(32), name: "q", value: 1 }) })],
        ["token", fetch(`${server.baseUrl}/v1/auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: t.email, password: t.password }) })],
      ];
      for (const [what, call] of calls) {
        expect((await expectUnavailable(await call, what)).error?.code, what).toBe("database_unavailable");
      }
      // A protobuf exporter reads no JSON: its 503 carries a protobuf google.rpc.Status (UNAVAILABLE).
      const proto = await fetch(`${server.baseUrl}/v1/traces`, {
        method: "POST",
        headers: { ...keyHeaders(), "content-type": "application/x-protobuf" },
        body: ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject({ resourceSpans: [] })).finish() as Uint8Array<ArrayBuffer>,
      });
      expect(proto.status).toBe(503);
      expect(Number(proto.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(proto.headers.get("content-type")).toBe("application/x-protobuf");
      expect(RpcStatus.toObject(RpcStatus.decode(new Uint8Array(await proto.arrayBuffer())))).toMatchObject({ code: 14 });
    } finally {
      await proxy.restore();
    }
    await healthyWithin(15_000);
    const after = await ingest(otlpBatch("c".repeat(32), 20));
    expect(after.status).toBe(200);
    // Read straight from the database, not through the proxy: the two acknowledged batches, whole.
    const db = await testDb();
    const rows = await db.query<{ trace_id: string; n: number }>(
      `SELECT trace_id, count(*)::int AS n FROM span WHERE app_id = $1 AND span_name LIKE 'batch-%' GROUP BY trace_id ORDER BY trace_id`, [t.appId]);
    expect(rows).toEqual([{ trace_id: "a".repeat(32), n: 20 }, { trace_id: "c".repeat(32), n: 20 }]);
  });
});

/** Reads a body to its end, giving up after `ms`; resolves with its text or the read error. */
async function readWithin(res: Response, ms: number): Promise<{ text: string; error?: unknown; ms: number }> {
  const started = Date.now();
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const timer = setTimeout(() => reader.cancel(new Error("timed out")).catch(() => {}), ms + 5_000);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return { text, ms: Date.now() - started };
  } catch (error) {
    return { text, error, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

describe("a stream whose database connection drops", () => {
  async function cutMidStream(format: "jsonl" | "csv", drop: () => Promise<void>) {
    const res = await callExport(t, { limit: ROWS, format }, { base: server.baseUrl });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    reader.releaseLock();
    await drop();
    return readWithin(res, 20_000);
  }

  it("jsonl ends within seconds with its error line (connection cut)", async () => {
    const out = await cutMidStream("jsonl", () => proxy.cut()).finally(() => proxy.restore());
    expect(out.ms).toBeLessThan(20_000);
    const last = JSON.parse(out.text.trimEnd().split("\n").at(-1)!) as { _export_meta?: { error?: string } };
    expect(last._export_meta?.error).toMatch(/failed midway/);
    await healthyWithin(15_000);
  });

  it("jsonl ends within seconds with its error line when the network goes silent (no close)", async () => {
    const out = await cutMidStream("jsonl", async () => proxy.freeze()).finally(async () => {
      await proxy.cut();
      await proxy.restore();
    });
    expect(out.ms).toBeLessThan(20_000);
    const last = JSON.parse(out.text.trimEnd().split("\n").at(-1)!) as { _export_meta?: { error?: string } };
    expect(last._export_meta?.error).toMatch(/failed midway/);
    await healthyWithin(15_000);
  });

  it("csv ends within seconds as an aborted transfer (connection cut)", async () => {
    const out = await cutMidStream("csv", () => proxy.cut()).finally(() => proxy.restore());
    expect(out.ms).toBeLessThan(20_000);
    expect(out.error).toBeDefined();
    expect(String(out.error)).not.toMatch(/timed out/);
    await healthyWithin(15_000);
  });

  it.skipIf(!onPostgres)("jsonl ends with its error line when the server's sessions are terminated (needs PostgreSQL: set TEST_DATABASE_URL)", async () => {
    const admin = new pg.Client({ connectionString: inject("databaseUrl") });
    await admin.connect();
    try {
      const out = await cutMidStream("jsonl", async () => {
        await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`, [APP_NAME]);
      });
      expect(out.ms).toBeLessThan(20_000);
      const last = JSON.parse(out.text.trimEnd().split("\n").at(-1)!) as { _export_meta?: { error?: string } };
      expect(last._export_meta?.error).toMatch(/failed midway/);
      // The pool replaces the terminated sessions: the next request is served.
      expect((await callExport(t, { limit: 3, lightweight: true }, { base: server.baseUrl })).status).toBe(200);
    } finally {
      await admin.end();
    }
  });
});
