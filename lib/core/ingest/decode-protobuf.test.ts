// Binary OTLP → the JSON path's shape. Requests are written by the official OpenTelemetry JS
// serializers (@opentelemetry/otlp-transformer), so the decoder is checked against what real exporters
// send: the same spans through the protobuf and the JSON serializer must become the same rows.
import { SpanStatusCode, trace, ROOT_CONTEXT } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { Writer } from "protobufjs";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { decodeExportRequest, mapExportRequest, screenExportRequest } from "./decode-request";
import { decodeProtobufRequest } from "./decode-protobuf";
import { encodeProtobufResponse, encodeRpcStatus } from "./encode-protobuf";
import { ExportTraceServiceRequest, RpcStatus } from "./otlp-proto";

function sdkSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("decode-test", "1.2.3");
  const root = tracer.startSpan("agent", {
    attributes: { "user.id": "u-1", "flywheel.tags": ["a", "b"], "input.value": '{"q":1}', ratio: 0.25, ok: true, n: 42, neg: -7 },
  });
  const gen = tracer.startSpan(
    "chat gpt-4o",
    {
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.usage.input_tokens": 12,
        "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "hi ünï 🎉" }] }]),
        "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "hello" }] }]),
      },
    },
    trace.setSpan(ROOT_CONTEXT, root),
  );
  gen.addEvent("gen_ai.first_token", { "chunk.index": 1 });
  gen.recordException(new Error("boom"));
  gen.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
  gen.end();
  root.end();
  return exporter.getFinishedSpans();
}

const pbRequest = (obj: object) => ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(obj)).finish();

async function statusOf(fn: () => unknown): Promise<number | "ok"> {
  try {
    await fn();
    return "ok";
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
}

describe("decodeProtobufRequest", () => {
  it("turns the official protobuf serializer's bytes into the rows the official JSON serializer's body makes", () => {
    const spans = sdkSpans();
    const pb = ProtobufTraceSerializer.serializeRequest(spans)!;
    const json = JSON.parse(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)));
    const fromPb = mapExportRequest(screenExportRequest(decodeProtobufRequest(pb)));
    const fromJson = decodeExportRequest(json);
    expect(fromPb.rejectedSpans).toBe(0);
    expect(fromPb.acceptedSpans).toBe(2);
    // 2 spans + the event + the exception event
    expect(fromPb.rows).toHaveLength(4);
    expect(fromPb.rows).toEqual(fromJson.rows);
    const gen = fromPb.rows.find((r) => r.span_name === "chat gpt-4o")!;
    expect(gen).toMatchObject({ type: "GENERATION", model: "gpt-4o", status: "STATUS_CODE_ERROR", status_message: "boom", input_tokens: 12 });
    expect(gen.trace_id).toBe(spans[0].spanContext().traceId);
    expect(gen.parent_span_id).toBe(spans.find((s) => s.name === "agent")!.spanContext().spanId);
    const agent = fromPb.rows.find((r) => r.span_name === "agent")!;
    expect(agent.attributes).toMatchObject({ ratio: 0.25, ok: true, n: 42, neg: -7, "flywheel.tags": ["a", "b"] });
  });

  // (The JSON exporter sends an int attribute past 2^53 as an already rounded JSON number; protobuf
  // carries it exactly, and it is kept as its decimal text, as docs/ingest.md says.)
  it("keeps 64-bit values exact: nanosecond times past 2^53 and int attributes that no double holds", () => {
    const req = decodeProtobufRequest(
      pbRequest({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: Buffer.from("0af7651916cd43dd8448eb211c80319c", "hex"),
                    spanId: Buffer.from("b7ad6b7169203331", "hex"),
                    name: "exact",
                    startTimeUnixNano: "1767225600123456789",
                    endTimeUnixNano: "1767225600223456999",
                    attributes: [
                      { key: "max", value: { intValue: "9223372036854775807" } },
                      { key: "min", value: { intValue: "-9223372036854775808" } },
                      { key: "bytes", value: { bytesValue: Buffer.from([0, 1, 2, 255]) } },
                      { key: "nan", value: { doubleValue: NaN } },
                      { key: "empty", value: {} },
                      { key: "kv", value: { kvlistValue: { values: [{ key: "k", value: { arrayValue: { values: [{ stringValue: "x" }, {}] } } }] } } },
                    ],
                    status: { code: 2, message: "bad" },
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    const span = req.resourceSpans![0].scopeSpans![0].spans![0];
    expect(span).toMatchObject({
      traceId: "0af7651916cd43dd8448eb211c80319c",
      spanId: "b7ad6b7169203331",
      parentSpanId: "",
      startTimeUnixNano: "1767225600123456789",
      endTimeUnixNano: "1767225600223456999",
      status: { code: 2, message: "bad" },
    });
    expect(span.attributes).toEqual([
      { key: "max", value: { intValue: "9223372036854775807" } },
      { key: "min", value: { intValue: "-9223372036854775808" } },
      { key: "bytes", value: { bytesValue: "AAEC/w==" } },
      { key: "nan", value: { doubleValue: NaN } },
      { key: "empty", value: null },
      { key: "kv", value: { kvlistValue: { values: [{ key: "k", value: { arrayValue: { values: [{ stringValue: "x" }, {}] } } }] } } },
    ]);
    // The same request in the JSON mapping maps to the same row.
    const viaJson = decodeExportRequest({ resourceSpans: [{ scopeSpans: [{ spans: [{ ...span, attributes: span.attributes!.filter((a) => a.key !== "nan") }] }] }] });
    expect(viaJson.rows[0].attributes).toMatchObject({ max: "9223372036854775807", min: "-9223372036854775808", bytes: "AAEC/w==", empty: null, kv: { k: ["x", null] } });
    expect(mapExportRequest(screenExportRequest(req)).rows[0]).toMatchObject({
      timestamp: "2026-01-01T00:00:00.123456Z",
      end_time: "2026-01-01T00:00:00.223456Z",
      latency_ms: 100,
    });
  });

  it("rejects ids of the wrong byte length instead of reading their hex as base64", () => {
    const ok = { spanId: Buffer.from("b7ad6b7169203331", "hex"), name: "s", startTimeUnixNano: "1767225600000000000" };
    const decoded = mapExportRequest(
      screenExportRequest(decodeProtobufRequest(
        pbRequest({
          resourceSpans: [
            {
              scopeSpans: [
                {
                  spans: [
                    // 11 bytes: 22 hex characters, which also read as base64 of 16 bytes
                    { ...ok, traceId: Buffer.alloc(11, 1) },
                    { ...ok, traceId: Buffer.alloc(16, 0) },
                    { ...ok, traceId: Buffer.alloc(16, 2), parentSpanId: Buffer.alloc(4, 3) },
                    { ...ok, traceId: Buffer.alloc(16, 2), spanId: Buffer.alloc(0) },
                    { ...ok, traceId: Buffer.alloc(16, 2) },
                  ],
                },
              ],
            },
          ],
        }),
      )),
    );
    expect(decoded.rejectedSpans).toBe(4);
    expect(decoded.acceptedSpans).toBe(1);
    expect(decoded.rejections[0]).toMatch(/spans\[0\]: traceId/);
    expect(decoded.rejections[2]).toMatch(/spans\[2\]: parentSpanId/);
    expect(decoded.rows[0]).toMatchObject({ trace_id: "02".repeat(16), span_id: "b7ad6b7169203331", parent_span_id: null });
  });

  it("reads the member of an attribute's oneof that was sent, the last on the wire when several were", () => {
    const type = (name: string) => ExportTraceServiceRequest.root.lookupType(`opentelemetry.proto.${name}`);
    const field = (no: number, bytes: Uint8Array) => Writer.create().uint32((no << 3) | 2).bytes(bytes).finish();
    const anyValue = (v: object) => type("common.v1.AnyValue").encode(v).finish();
    const keyValue = (key: string, value: Uint8Array) => Buffer.concat([Writer.create().uint32((1 << 3) | 2).string(key).finish(), field(2, value)]);
    const span = type("trace.v1.Span").encode({ traceId: Buffer.alloc(16, 1), spanId: Buffer.alloc(8, 2), name: "s", startTimeUnixNano: 1767225600000000000 }).finish();
    const attributes = [
      keyValue("one", anyValue({ boolValue: false })),
      keyValue("empty", anyValue({})),
      // Two members of the oneof in one AnyValue: the later wins (protobuf's rule for a oneof).
      keyValue("both", Buffer.concat([anyValue({ stringValue: "first" }), anyValue({ intValue: 7 })])),
    ];
    const spanBytes = Buffer.concat([span, ...attributes.map((kv) => field(9, kv))]);
    const body = field(1, field(2, field(2, spanBytes)));
    const [row] = mapExportRequest(screenExportRequest(decodeProtobufRequest(body))).rows;
    expect(row.attributes).toEqual({ one: false, empty: null, both: 7 });
  });

  it("reads zero bytes as an empty request, and answers 400 for bytes that are not one", async () => {
    expect(decodeProtobufRequest(new Uint8Array(0))).toEqual({ resourceSpans: [] });
    const valid = ProtobufTraceSerializer.serializeRequest(sdkSpans())!;
    expect(await statusOf(() => decodeProtobufRequest(new TextEncoder().encode('{"resourceSpans":[]}')))).toBe(400);
    expect(await statusOf(() => decodeProtobufRequest(valid.subarray(0, valid.length - 7)))).toBe(400);
    expect(await statusOf(() => decodeProtobufRequest(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])))).toBe(400);
    try {
      decodeProtobufRequest(valid.subarray(0, 40));
    } catch (err) {
      expect((err as AppError).message).toMatch(/not a protobuf ExportTraceServiceRequest/);
    }
  });
});

const varint = (n: number): number[] => {
  const out: number[] = [];
  for (; n > 0x7f; n >>>= 7) out.push((n & 0x7f) | 0x80);
  out.push(n);
  return out;
};

/**
 * A protobuf AnyValue nested `levels` arrays deep (AnyValue.array_value = 5 → ArrayValue.values = 1 →
 * AnyValue …, the innermost empty). The lengths are computed from the inside out, then the headers
 * written from the outside in, so a deep one costs linear time.
 */
function nestedArrayValue(levels: number): Buffer {
  const anyLen: number[] = [0]; // anyLen[i]: bytes of the AnyValue with i levels inside it
  for (let i = 1; i <= levels; i++) {
    const arrayLen = 1 + varint(anyLen[i - 1]).length + anyLen[i - 1];
    anyLen.push(1 + varint(arrayLen).length + arrayLen);
  }
  const out: number[] = [];
  for (let i = levels; i >= 1; i--) {
    const arrayLen = 1 + varint(anyLen[i - 1]).length + anyLen[i - 1];
    out.push(0x2a, ...varint(arrayLen), 0x0a, ...varint(anyLen[i - 1]));
  }
  return Buffer.from(out);
}

/** Wraps bytes as a length-delimited field. */
const field = (tag: number, bytes: Buffer) => Buffer.concat([Buffer.from([tag, ...varint(bytes.length)]), bytes]);

describe("nesting", () => {
  const AnyValue = ExportTraceServiceRequest.lookupType("opentelemetry.proto.common.v1.AnyValue");
  const spanWith = (value: Uint8Array, spanId: string) => ({
    traceId: Buffer.alloc(16, 7),
    spanId: Buffer.from(spanId, "hex"),
    name: "deep",
    startTimeUnixNano: "1767225600000000000",
    attributes: [{ key: "v", value: AnyValue.toObject(AnyValue.decode(value)) }],
  });

  it("rejects a span nested too deep on its own, as the JSON path does", () => {
    const bytes = pbRequest({ resourceSpans: [{ scopeSpans: [{ spans: [spanWith(nestedArrayValue(40), "0000000000000001"), spanWith(nestedArrayValue(2), "0000000000000002")] }] }] });
    const decoded = mapExportRequest(screenExportRequest(decodeProtobufRequest(bytes)));
    expect(decoded.rejectedSpans).toBe(1);
    expect(decoded.rejections[0]).toMatch(/nests deeper than 80 levels/);
    expect(decoded.rows.map((r) => r.span_id)).toEqual(["0000000000000002"]);
  });

  it("answers 400, never a stack overflow, for a body nested deeper than any decoder follows", async () => {
    // AnyValue 200,000 levels deep inside one attribute: ~1.2 MB, well within the size limit.
    const kv = Buffer.concat([field(0x0a, Buffer.from("v")), field(0x12, nestedArrayValue(200_000))]); // KeyValue{key, value}
    const req = field(0x0a, field(0x12, field(0x12, field(0x4a, kv)))); // request.resource_spans → scope_spans → spans → attributes
    expect(await statusOf(() => screenExportRequest(decodeProtobufRequest(req)))).toBe(400);
  });
});

describe("protobuf answers", () => {
  it("writes a partial success the official response decoder reads", () => {
    const bytes = encodeProtobufResponse({ partialSuccess: { rejectedSpans: 3, errorMessage: "3 span(s) rejected: …" } });
    expect(ProtobufTraceSerializer.deserializeResponse(bytes)).toEqual({ partialSuccess: { rejectedSpans: 3, errorMessage: "3 span(s) rejected: …" } });
    // Full success is the empty message: zero bytes.
    expect(encodeProtobufResponse({})).toHaveLength(0);
  });

  it("writes errors as google.rpc.Status with the gRPC code of the HTTP status", () => {
    const status = RpcStatus.toObject(RpcStatus.decode(encodeRpcStatus(413, "too big")));
    expect(status).toEqual({ code: 8, message: "too big" });
    expect(RpcStatus.toObject(RpcStatus.decode(encodeRpcStatus(401, "no key")))).toEqual({ code: 16, message: "no key" });
  });
});
