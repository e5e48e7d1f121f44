import "server-only";
// How POST /v1/traces answers: in the request's encoding, as the OTLP/HTTP spec asks. A protobuf
// request gets a protobuf ExportTraceServiceResponse, and on failure a protobuf google.rpc.Status with
// the same HTTP status the JSON API would use (400/401/403/413/415/429/500), under the request's own
// media type; a JSON request gets JSON, its errors the API's one JSON error body.
import type { NextRequest } from "next/server";
import type { AppError } from "@/lib/core/errors";
import { encodeProtobufResponse, encodeRpcStatus } from "@/lib/core/ingest/encode-protobuf";
import type { ExportTraceServiceResponse } from "@/lib/core/ingest/ingest-traces";
import { isProtobufType, mediaTypeOf, type OtlpBody } from "@/lib/core/ingest/read-otlp-body";

// protobuf.js hands back a Uint8Array over a plain ArrayBuffer; TypeScript's BodyInit wants that said.
const body = (bytes: Uint8Array) => bytes as Uint8Array<ArrayBuffer>;

export function otlpResponse(request: Pick<OtlpBody, "encoding" | "mediaType">, answer: ExportTraceServiceResponse): Response {
  if (request.encoding === "json") return Response.json(answer);
  return new Response(body(encodeProtobufResponse(answer)), { headers: { "content-type": request.mediaType } });
}

/** The route wrapper's `errorResponse`: a Status for a protobuf request; undefined (JSON) otherwise. */
export function otlpErrorResponse(err: AppError, req: NextRequest): Response | undefined {
  const contentType = req.headers.get("content-type");
  if (!isProtobufType(contentType)) return undefined;
  return new Response(body(encodeRpcStatus(err.status, err.message)), {
    status: err.status,
    headers: { ...err.headers, "content-type": mediaTypeOf(contentType)! },
  });
}
