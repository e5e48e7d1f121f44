// Reading an ingest request body safely: only JSON, at most MAX_BODY_BYTES (checked on Content-Length
// first, then counted while reading, since chunked uploads carry no length), gzip understood. The
// limit applies to the bytes received and again to the bytes after decompression, so a small gzip
// bomb cannot expand past it.
import { concatBytes } from "../bytes";
import { AppError, badRequest } from "../errors";

/** 5 MiB: an OTLP batch of 512 spans with full prompts fits several times over. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface BodySource {
  contentType: string | null;
  contentEncoding: string | null;
  contentLength: string | null;
  body: ReadableStream<Uint8Array> | null;
}

export const payloadTooLarge = (limit: number) =>
  new AppError(413, "payload_too_large", `Request body is larger than the ${limit / 1024 / 1024} MiB limit; send smaller batches`);

export const unsupportedMediaType = (message: string) => new AppError(415, "unsupported_media_type", message);

/** OTLP/HTTP JSON only: protobuf is refused with a message saying how to switch the exporter. */
export function assertJsonContentType(contentType: string | null): void {
  // No Content-Type at all is read as JSON, for hand-written curl calls.
  if (!contentType) return;
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === "application/json" || /^application\/[\w.+-]*\+json$/.test(type)) return;
  if (type.includes("protobuf")) {
    throw unsupportedMediaType(
      "OTLP protobuf is not supported yet: JSON encoding is required. Set the exporter's protocol to http/json " +
        "(OTEL_EXPORTER_OTLP_PROTOCOL=http/json, or @opentelemetry/exporter-trace-otlp-http) and Content-Type: application/json.",
    );
  }
  throw unsupportedMediaType(`Unsupported Content-Type "${type}": send application/json`);
}

async function readLimited(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) throw payloadTooLarge(limit);
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return concatBytes(chunks, size);
}

/** Counts bytes flowing through, failing the stream once they pass the limit. */
function limitStream(limit: number): TransformStream<Uint8Array, Uint8Array> {
  let size = 0;
  return new TransformStream({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > limit) controller.error(payloadTooLarge(limit));
      else controller.enqueue(chunk);
    },
  });
}

/** Reads and parses the JSON body; 413 / 415 / 400 as documented in docs/ingest.md. */
export async function readJsonBody(src: BodySource, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = src.contentLength != null ? Number(src.contentLength) : undefined;
  if (declared !== undefined && Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit);
  if (!src.body) throw badRequest("Request body is empty: send a JSON document");

  const encoding = (src.contentEncoding ?? "identity").trim().toLowerCase();
  let stream = src.body;
  if (encoding === "gzip" || encoding === "x-gzip") {
    stream = stream
      .pipeThrough(limitStream(limit))
      .pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>);
  } else if (encoding !== "identity" && encoding !== "") {
    throw unsupportedMediaType(`Unsupported Content-Encoding "${encoding}": send gzip or no encoding`);
  }

  let bytes: Uint8Array;
  try {
    bytes = await readLimited(stream, limit);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw badRequest(`Could not read the request body: ${encoding === "gzip" ? "invalid gzip data" : (err as Error).message}`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("Request body is not valid UTF-8");
  }
  if (text.trim() === "") throw badRequest("Request body is empty: send a JSON document");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw badRequest(`Request body is not valid JSON: ${(err as Error).message}`);
  }
}

/** An OTLP/HTTP body: JSON only (the content type is checked before a byte is read). */
export async function readOtlpBody(src: BodySource): Promise<unknown> {
  assertJsonContentType(src.contentType);
  return readJsonBody(src);
}
