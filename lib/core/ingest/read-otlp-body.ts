// The body reader of POST /v1/traces: OTLP/HTTP in both encodings the official exporters send —
// protobuf (`application/x-protobuf`, the default of most SDKs) and JSON — each optionally gzipped,
// within the same size limits (read-body.ts), decoded into the one request shape both map from.
import type { AppError } from "../errors";
import { decodeProtobufRequest } from "./decode-protobuf";
import { parseExportRequest, screenExportRequest, type ParsedRequest } from "./decode-request";
import { MAX_BODY_BYTES, readBodyBytes, readJsonBody, refuseUnread, unsupportedMediaType, type BodySource } from "./read-body";

/** The two encodings of OTLP/HTTP. */
export type OtlpEncoding = "json" | "protobuf";

const PROTOBUF_TYPES = new Set(["application/x-protobuf", "application/protobuf"]);

/** The media type without parameters, lowercased; null when there is no Content-Type. */
export function mediaTypeOf(contentType: string | null): string | null {
  const type = contentType?.split(";")[0].trim().toLowerCase();
  return type || null;
}

/** True for the protobuf media types an OTLP exporter sends (`application/x-protobuf`, `application/protobuf`). */
export function isProtobufType(contentType: string | null): boolean {
  return PROTOBUF_TYPES.has(mediaTypeOf(contentType) ?? "");
}

/** Which OTLP encoding a Content-Type names; 415 for anything else, before a byte is read. */
export function otlpEncodingOf(contentType: string | null): OtlpEncoding {
  const type = mediaTypeOf(contentType);
  // No Content-Type at all is read as JSON, for hand-written curl calls.
  if (type === null || type === "application/json" || /^application\/[\w.+-]*\+json$/.test(type)) return "json";
  if (PROTOBUF_TYPES.has(type)) return "protobuf";
  throw unsupportedMediaType(`Unsupported Content-Type "${type}": send application/x-protobuf or application/json (OTLP/HTTP)`);
}

/** An OTLP/HTTP request body, decoded into the one shape both encodings map from. */
export interface OtlpBody {
  encoding: OtlpEncoding;
  /** The request's media type, which the answer repeats (the OTLP/HTTP spec). */
  mediaType: string;
  parsed: ParsedRequest;
}

/**
 * An OTLP/HTTP body in either encoding: the content type is checked before a byte is read (a refused
 * body is drained, so the client reads the 415), and a body that does not decode into an
 * ExportTraceServiceRequest is a 400 naming the problem. Depth is not bounded here: an attribute value
 * may nest, and a span nested too deep is rejected on its own (decode-request.ts), not the whole batch.
 */
export async function readOtlpBody(src: BodySource, limit = MAX_BODY_BYTES): Promise<OtlpBody> {
  let encoding: OtlpEncoding;
  try {
    encoding = otlpEncodingOf(src.contentType);
  } catch (err) {
    throw await refuseUnread(src, err as AppError);
  }
  if (encoding === "protobuf") {
    // No body at all is the empty request, as zero bytes are (proto3 has no required field).
    const bytes = src.body ? await readBodyBytes(src, limit) : new Uint8Array(0);
    return { encoding, mediaType: mediaTypeOf(src.contentType)!, parsed: screenExportRequest(decodeProtobufRequest(bytes)) };
  }
  return { encoding, mediaType: "application/json", parsed: parseExportRequest(await readJsonBody(src, limit, {})) };
}
