// POST /v1/traces with hand-made requests: the OTLP JSON details an exporter may use (base64 ids,
// numeric timestamps, every attribute type), partial success, idempotent updates, and every
// documented error status (docs/ingest.md).
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { baseUrl, makeTenancy, testDb, type Tenancy } from "../fixtures";
import { authHeaders } from "./otel";

const okSchema = z.object({
  partialSuccess: z.object({ rejectedSpans: z.number(), errorMessage: z.string() }).optional(),
});
const errorSchema = z.object({
  error: z.object({ code: z.string(), status: z.number(), detail: z.string() }),
});

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
const NOW_NS = BigInt(Date.now()) * 1_000_000n;

function otlpSpan(over: Record<string, unknown> = {}) {
  return {
    traceId: TRACE,
    spanId: "00f067aa0ba902b7",
    name: "hand made",
    kind: 1,
    startTimeUnixNano: String(NOW_NS),
    endTimeUnixNano: String(NOW_NS + 1_500_000n),
    attributes: [],
    status: {},
    ...over,
  };
}

function body(spans: unknown[], resourceAttributes: unknown[] = []) {
  return { resourceSpans: [{ resource: { attributes: resourceAttributes }, scopeSpans: [{ scope: { name: "manual" }, spans }] }] };
}

async function post(t: Tenancy | null, payload: BodyInit, headers: Record<string, string> = {}) {
  return fetch(`${baseUrl()}/v1/traces`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(t ? authHeaders(t) : {}), ...headers },
    body: payload,
  });
}

async function expectError(res: Response, status: number) {
  expect(res.status).toBe(status);
  const parsed = errorSchema.parse(await res.json());
  expect(parsed.error.status).toBe(status);
  return parsed.error;
}

describe("POST /v1/traces (hand-made OTLP JSON)", () => {
  let t: Tenancy;
  beforeAll(async () => {
    t = await makeTenancy("otlphttp");
  });

  it("answers {} and stores base64 ids as lowercase hex, numeric timestamps, every attribute type", async () => {
    const traceB64 = Buffer.from("a1b2c3d4e5f60718293a4b5c6d7e8f90", "hex").toString("base64");
    const spanB64 = Buffer.from("0102030405060708", "hex").toString("base64");
    const startNs = 1767225600123456;
    const res = await post(
      t,
      JSON.stringify(
        body(
          [
            otlpSpan({
              traceId: traceB64,
              spanId: spanB64,
              startTimeUnixNano: startNs * 1000,
              endTimeUnixNano: String(BigInt(startNs) * 1000n + 2_000_000n),
              status: { code: "STATUS_CODE_ERROR", message: "bad" },
              attributes: [
                { key: "s", value: { stringValue: "v" } },
                { key: "b", value: { boolValue: true } },
                { key: "i", value: { intValue: "7" } },
                { key: "d", value: { doubleValue: 1.5 } },
                { key: "a", value: { arrayValue: { values: [{ stringValue: "x" }, { intValue: 2 }] } } },
                { key: "kv", value: { kvlistValue: { values: [{ key: "k", value: { stringValue: "v" } }] } } },
                { key: "bytes", value: { bytesValue: "AQI=" } },
                { key: "flywheel.tags", value: { arrayValue: { values: [{ stringValue: "t1" }] } } },
              ],
            }),
          ],
          [{ key: "service.name", value: { stringValue: "hand" } }],
        ),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    expect(okSchema.parse(await res.json())).toEqual({});
    const { prisma } = await testDb();
    const row = await prisma.span.findFirstOrThrow({ where: { appId: t.appId, traceId: "a1b2c3d4e5f60718293a4b5c6d7e8f90" } });
    expect(row.spanId).toBe("0102030405060708");
    expect(row.status).toBe("STATUS_CODE_ERROR");
    expect(row.statusMessage).toBe("bad");
    expect(row.timestamp.toISOString()).toBe("2026-01-01T00:00:00.123Z");
    expect(row.latencyMs).toBe(2);
    expect(row.tags).toEqual(["t1"]);
    expect(row.attributes).toMatchObject({
      s: "v",
      b: true,
      i: 7,
      d: 1.5,
      a: ["x", 2],
      kv: { k: "v" },
      bytes: "AQI=",
      "resource.service.name": "hand",
    });
  });

  it("updates a re-sent span in place instead of adding a row", async () => {
    const spanId = "1111111111111111";
    const first = await post(t, JSON.stringify(body([otlpSpan({ spanId, name: "v1" })])));
    expect(first.status).toBe(200);
    const second = await post(t, JSON.stringify(body([otlpSpan({ spanId, name: "v2", attributes: [{ key: "user.id", value: { stringValue: "u9" } }] })])));
    expect(second.status).toBe(200);
    const { prisma } = await testDb();
    const rows = await prisma.span.findMany({ where: { appId: t.appId, traceId: TRACE, spanId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ spanName: "v2", userId: "u9" });
  });

  it("keeps apps apart: the same ids in another app are another row", async () => {
    const other = await makeTenancy("otlpother");
    const spanId = "2222222222222222";
    expect((await post(t, JSON.stringify(body([otlpSpan({ spanId, name: "mine" })])))).status).toBe(200);
    expect((await post(other, JSON.stringify(body([otlpSpan({ spanId, name: "theirs" })])))).status).toBe(200);
    const { prisma } = await testDb();
    const rows = await prisma.span.findMany({ where: { traceId: TRACE, spanId }, orderBy: { appId: "asc" } });
    expect(rows.map((r) => [r.appId, r.spanName]).sort()).toEqual([[other.appId, "theirs"], [t.appId, "mine"]].sort());
  });

  it("stores the good spans and reports the rejected ones as partial success", async () => {
    const good = "3333333333333333";
    const res = await post(
      t,
      JSON.stringify(
        body([
          otlpSpan({ spanId: good }),
          otlpSpan({ spanId: "4444444444444444", traceId: "not-a-trace-id" }),
          otlpSpan({ spanId: "5555555555555555", startTimeUnixNano: "yesterday" }),
          otlpSpan({ spanId: "" }),
        ]),
      ),
    );
    expect(res.status).toBe(200);
    const parsed = okSchema.parse(await res.json());
    expect(parsed.partialSuccess?.rejectedSpans).toBe(3);
    expect(parsed.partialSuccess?.errorMessage).toMatch(/traceId/);
    expect(parsed.partialSuccess?.errorMessage).toMatch(/startTimeUnixNano/);
    expect(parsed.partialSuccess?.errorMessage).toMatch(/spanId/);
    const { prisma } = await testDb();
    expect(await prisma.span.count({ where: { appId: t.appId, spanId: { in: [good, "4444444444444444", "5555555555555555"] } } })).toBe(1);
  });

  it("stores text the database could not hold (NUL, lone surrogates) without failing the batch", async () => {
    const spanId = "6666666666666666";
    const res = await post(t, JSON.stringify(body([otlpSpan({ spanId, name: "nul\u0000name", attributes: [{ key: "x", value: { stringValue: "a\ud800b" } }] })])));
    expect(res.status).toBe(200);
    const { prisma } = await testDb();
    const row = await prisma.span.findFirstOrThrow({ where: { appId: t.appId, spanId } });
    expect(row.spanName).toBe("nulname");
    expect((row.attributes as Record<string, string>).x).toBe("a\ufffdb");
  });

  it("accepts a gzip body", async () => {
    const spanId = "7777777777777777";
    const res = await post(t, new Uint8Array(gzipSync(JSON.stringify(body([otlpSpan({ spanId })])))), { "content-encoding": "gzip" });
    expect(res.status).toBe(200);
    const { prisma } = await testDb();
    expect(await prisma.span.count({ where: { appId: t.appId, spanId } })).toBe(1);
  });

  it("answers an empty request with {}", async () => {
    const res = await post(t, JSON.stringify({ resourceSpans: [] }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });
});

describe("POST /v1/traces errors", () => {
  let t: Tenancy;
  beforeAll(async () => {
    t = await makeTenancy("otlperr");
  });

  it("401 without credentials or with a bad key", async () => {
    await expectError(await post(null, JSON.stringify(body([otlpSpan()]))), 401);
    await expectError(await post(null, JSON.stringify(body([otlpSpan()])), { authorization: "Bearer fw_wrong", "x-app-id": t.appId }), 401);
  });

  it("400 for a body that is not JSON or not an ExportTraceServiceRequest", async () => {
    const bad = await expectError(await post(t, "{not json"), 400);
    expect(bad.detail).toMatch(/JSON/);
    const shape = await expectError(await post(t, JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ spanId: 5 }] }] }] })), 400);
    expect(shape.detail).toMatch(/resourceSpans\.0\.scopeSpans\.0\.spans\.0\.spanId/);
    await expectError(await post(t, JSON.stringify([1, 2, 3])), 400);
    await expectError(await post(t, ""), 400);
    await expectError(await post(t, "definitely not gzip", { "content-encoding": "gzip" }), 400);
  });

  it("415 for content types other than JSON and protobuf, naming both", async () => {
    const form = await expectError(await post(t, "a=b", { "content-type": "application/x-www-form-urlencoded" }), 415);
    expect(form.detail).toMatch(/application\/x-protobuf or application\/json/);
    await expectError(await post(t, "hello", { "content-type": "text/plain" }), 415);
  });

  it("413 above the 5 MiB limit, declared or counted while reading", async () => {
    const big = JSON.stringify(body([otlpSpan({ attributes: [{ key: "pad", value: { stringValue: "x".repeat(5 * 1024 * 1024) } }] })]));
    const declared = await post(t, big);
    await expectError(declared, 413);

    // A chunked upload has no Content-Length: the limit is enforced on the bytes as they arrive.
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 256 * 1024) controller.enqueue(bytes.subarray(at, at + 256 * 1024));
        controller.close();
      },
    });
    const counted = await fetch(`${baseUrl()}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/json", ...authHeaders(t) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    await expectError(counted, 413);
    const { prisma } = await testDb();
    expect(await prisma.span.count({ where: { appId: t.appId } })).toBe(0);
  });
});
