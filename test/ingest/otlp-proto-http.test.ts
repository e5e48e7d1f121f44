// POST /v1/traces with protobuf bodies written by the official serializer (@opentelemetry/otlp-transformer)
// and answers read by its official response decoder: partial success, undecodable bodies, content
// types, size limits, errors as google.rpc.Status, and no span lost under concurrent batches.
import { gzipSync } from "node:zlib";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { RpcStatus } from "../../lib/core/ingest/otlp-proto";
import { baseUrl, makeTenancy, testDb, type Tenancy } from "../fixtures";
import { authHeaders } from "./otel";

const PROTOBUF = "application/x-protobuf";
const statusSchema = z.object({ code: z.number().int(), message: z.string() });
const problemSchema = z.object({ error: z.object({ code: z.string(), status: z.number(), detail: z.string() }) });

function makeSpans(n: number, name = "step"): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
  const tracer = provider.getTracer("flywheel-proto-http");
  for (let i = 0; i < n; i++) tracer.startSpan(`${name} ${i}`, { attributes: { "gen_ai.request.model": "m", i } }).end();
  return memory.getFinishedSpans();
}

/** A span whose id or time the official serializer writes as given, however wrong. */
function tampered(span: ReadableSpan, over: { traceId?: string; startTime?: [number, number] }): ReadableSpan {
  const ctx = span.spanContext();
  return Object.assign(Object.create(span) as ReadableSpan, {
    spanContext: () => ({ ...ctx, traceId: over.traceId ?? ctx.traceId }),
    startTime: over.startTime ?? span.startTime,
  });
}

const serialize = (spans: ReadableSpan[]) => ProtobufTraceSerializer.serializeRequest(spans)!;

async function post(t: Tenancy | null, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl()}/v1/traces`, {
    method: "POST",
    headers: { "content-type": PROTOBUF, ...(t ? authHeaders(t) : {}), ...headers },
    // The serializer's bytes sit on a plain ArrayBuffer; TypeScript's BodyInit wants that said.
    body: body as string | Uint8Array<ArrayBuffer>,
  });
}

/** A failed protobuf request: the status, the request's media type, and a google.rpc.Status body. */
async function expectStatus(res: Response, httpStatus: number, rpcCode: number): Promise<string> {
  expect(res.status).toBe(httpStatus);
  expect(res.headers.get("content-type")).toBe(PROTOBUF);
  const status = statusSchema.parse(RpcStatus.toObject(RpcStatus.decode(new Uint8Array(await res.arrayBuffer())), { defaults: true }));
  expect(status.code).toBe(rpcCode);
  return status.message;
}

async function countSpans(appId: string): Promise<number> {
  const { prisma } = await testDb();
  return prisma.span.count({ where: { appId } });
}

describe("POST /v1/traces with protobuf bodies", () => {
  let t: Tenancy;
  beforeAll(async () => {
    t = await makeTenancy("protohttp");
  });

  it("answers an empty ExportTraceServiceResponse, as protobuf, when every span is stored", async () => {
    const spans = makeSpans(3, "ok");
    const res = await post(t, serialize(spans));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(PROTOBUF);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes).toHaveLength(0);
    expect(ProtobufTraceSerializer.deserializeResponse(bytes).partialSuccess).toBeUndefined();
    const { prisma } = await testDb();
    expect(await prisma.span.count({ where: { appId: t.appId, spanId: { in: spans.map((s) => s.spanContext().spanId) } } })).toBe(3);
  });

  it("answers application/protobuf in kind", async () => {
    const res = await post(t, serialize(makeSpans(1, "alias")), { "content-type": "application/protobuf" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/protobuf");
  });

  it("stores the good spans and reports the rejected ones in a protobuf partial success", async () => {
    const [good, zeroTrace, noStart] = makeSpans(3, "mixed");
    const res = await post(t, serialize([good, tampered(zeroTrace, { traceId: "0".repeat(32) }), tampered(noStart, { startTime: [0, 0] })]));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(PROTOBUF);
    const answer = ProtobufTraceSerializer.deserializeResponse(new Uint8Array(await res.arrayBuffer()));
    expect(answer.partialSuccess?.rejectedSpans).toBe(2);
    expect(answer.partialSuccess?.errorMessage).toMatch(/2 span\(s\) rejected/);
    expect(answer.partialSuccess?.errorMessage).toMatch(/spans\[1\]: traceId/);
    expect(answer.partialSuccess?.errorMessage).toMatch(/spans\[2\]: startTimeUnixNano/);
    const { prisma } = await testDb();
    const stored = await prisma.span.findMany({ where: { appId: t.appId, spanName: { startsWith: "mixed" } } });
    expect(stored.map((s) => s.spanId)).toEqual([good.spanContext().spanId]);
  });

  it("takes gzip bodies", async () => {
    const spans = makeSpans(2, "zipped");
    const res = await post(t, new Uint8Array(gzipSync(serialize(spans))), { "content-encoding": "gzip" });
    expect(res.status).toBe(200);
    const { prisma } = await testDb();
    expect(await prisma.span.count({ where: { appId: t.appId, spanName: { startsWith: "zipped" } } })).toBe(2);
  });

  it("updates a re-sent span in place, also when it first came as JSON", async () => {
    const [span] = makeSpans(1, "again");
    expect((await post(t, serialize([span]))).status).toBe(200);
    expect((await post(t, serialize([span]))).status).toBe(200);
    const ctx = span.spanContext();
    const json = {
      resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: ctx.traceId, spanId: ctx.spanId, name: "again as json", startTimeUnixNano: "1767225600000000000" }] }] }],
    };
    const viaJson = await post(t, JSON.stringify(json), { "content-type": "application/json" });
    expect(viaJson.status).toBe(200);
    expect(await viaJson.json()).toEqual({});
    const { prisma } = await testDb();
    const rows = await prisma.span.findMany({ where: { appId: t.appId, spanId: ctx.spanId } });
    expect(rows.map((r) => r.spanName)).toEqual(["again as json"]);
  });

  it("loses no span when many 512-span batches arrive at once", async () => {
    const other = await makeTenancy("protoflood");
    const spans = makeSpans(2048, "flood");
    const batches = [0, 512, 1024, 1536].map((at) => serialize(spans.slice(at, at + 512)));
    const answers = await Promise.all(batches.map((b) => post(other, b)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(await countSpans(other.appId)).toBe(2048);
  });
});

describe("POST /v1/traces protobuf errors", () => {
  let t: Tenancy;
  beforeAll(async () => {
    t = await makeTenancy("protoerr");
  });

  it("400 with a google.rpc.Status for bytes that are not an ExportTraceServiceRequest", async () => {
    const json = await expectStatus(await post(t, JSON.stringify({ resourceSpans: [] })), 400, 3);
    expect(json).toMatch(/not a protobuf ExportTraceServiceRequest/);
    const truncated = serialize(makeSpans(2, "cut"));
    await expectStatus(await post(t, truncated.subarray(0, truncated.length - 5)), 400, 3);
    await expectStatus(await post(t, "definitely not gzip", { "content-encoding": "gzip" }), 400, 3);
    expect(await countSpans(t.appId)).toBe(0);
  });

  it("401 and 403 as google.rpc.Status for a protobuf request", async () => {
    await expectStatus(await post(null, serialize(makeSpans(1))), 401, 16);
    const stranger = await makeTenancy("protostranger");
    await expectStatus(await post(t, serialize(makeSpans(1)), { "x-app-id": stranger.appId }), 403, 7);
  });

  it("413 for a declared or a decompressed size over 5 MiB (a gzip bomb), nothing stored", async () => {
    // 6 MiB of zeros gzip to a few KiB: the limit holds on the decompressed bytes too.
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(6 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const message = await expectStatus(await post(t, bomb, { "content-encoding": "gzip" }), 413, 8);
    expect(message).toMatch(/5 MiB/);
    await expectStatus(await post(t, new Uint8Array(5 * 1024 * 1024 + 1)), 413, 8);
    expect(await countSpans(t.appId)).toBe(0);
  });

  it("415 only for content types that are neither protobuf nor JSON, and for encodings other than gzip", async () => {
    const res = await post(t, serialize(makeSpans(1)), { "content-type": "application/octet-stream" });
    expect(res.status).toBe(415);
    const problem = problemSchema.parse(await res.json());
    expect(problem.error.detail).toMatch(/application\/x-protobuf or application\/json/);
    await expectStatus(await post(t, serialize(makeSpans(1)), { "content-encoding": "br" }), 415, 3);
  });
});
