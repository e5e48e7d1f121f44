// The /v1/traces body reader: which encoding a Content-Type names (415 for anything else, before a byte
// is read), and both encodings — gzipped or not — decoded into the one request shape.
import { gzipSync } from "node:zlib";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { otlpEncodingOf, readOtlpBody } from "./read-otlp-body";

function source(bytes: Uint8Array, contentType: string | null, contentEncoding: string | null = null) {
  return {
    contentType,
    contentEncoding,
    contentLength: String(bytes.length),
    body: new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes);
        c.close();
      },
    }),
  };
}

function statusOf(fn: () => unknown): number | "ok" {
  try {
    fn();
    return "ok";
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
}

describe("otlpEncodingOf", () => {
  it("reads protobuf and JSON media types, with parameters and in any case; none is JSON", () => {
    expect(otlpEncodingOf("application/x-protobuf")).toBe("protobuf");
    expect(otlpEncodingOf("Application/Protobuf; charset=binary")).toBe("protobuf");
    expect(otlpEncodingOf("application/json; charset=utf-8")).toBe("json");
    expect(otlpEncodingOf("application/vnd.otlp+json")).toBe("json");
    expect(otlpEncodingOf(null)).toBe("json");
  });

  it("answers 415 for anything else, naming both encodings", () => {
    for (const type of ["text/plain", "application/grpc", "application/octet-stream", "multipart/form-data"]) {
      expect(statusOf(() => otlpEncodingOf(type))).toBe(415);
    }
    expect(() => otlpEncodingOf("text/plain")).toThrow(/application\/x-protobuf or application\/json/);
  });
});

describe("readOtlpBody", () => {
  const memory = new InMemorySpanExporter();
  new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] }).getTracer("t").startSpan("one").end();
  const [span] = memory.getFinishedSpans();
  const proto = ProtobufTraceSerializer.serializeRequest([span])!;

  it("decodes protobuf, plain and gzipped, and keeps the media type for the answer", async () => {
    for (const [bytes, encoding] of [
      [proto, null],
      [new Uint8Array(gzipSync(proto)), "gzip"],
    ] as const) {
      const body = await readOtlpBody(source(bytes, "application/protobuf", encoding));
      expect(body.encoding).toBe("protobuf");
      expect(body.mediaType).toBe("application/protobuf");
      expect(body.parsed.request.resourceSpans?.[0].scopeSpans?.[0].spans?.[0]).toMatchObject({ name: "one", spanId: span.spanContext().spanId });
    }
  });

  it("validates JSON into the same shape, and answers 400 naming the path that does not fit", async () => {
    const ok = await readOtlpBody(source(new TextEncoder().encode('{"resourceSpans":[]}'), "application/json"));
    expect(ok).toEqual({ encoding: "json", mediaType: "application/json", parsed: { request: { resourceSpans: [] }, rejected: [] } });
    await expect(readOtlpBody(source(new TextEncoder().encode('{"resourceSpans":[{"scopeSpans":[{"spans":[{"spanId":5}]}]}]}'), null))).rejects.toThrow(
      /resourceSpans\.0\.scopeSpans\.0\.spans\.0\.spanId/,
    );
  });
});
