// The two protobuf answers of POST /v1/traces: an ExportTraceServiceResponse (empty, or with
// partial_success), and the google.rpc.Status that the OTLP/HTTP spec asks for as the body of a
// failed protobuf request.
import type { ExportTraceServiceResponse as ResponseBody } from "./ingest-traces";
import { ExportTraceServiceResponse, RpcStatus } from "./otlp-proto";

export function encodeProtobufResponse(body: ResponseBody): Uint8Array {
  return ExportTraceServiceResponse.encode(ExportTraceServiceResponse.fromObject(body)).finish();
}

/**
 * google.rpc.Code for an HTTP status, as gRPC maps them (the OTLP/HTTP exporters only log the
 * message; the code matters to tools that read the Status itself).
 */
const RPC_CODE_BY_HTTP: Record<number, number> = {
  400: 3, // INVALID_ARGUMENT
  401: 16, // UNAUTHENTICATED
  403: 7, // PERMISSION_DENIED
  404: 5, // NOT_FOUND
  413: 8, // RESOURCE_EXHAUSTED: gRPC's answer to a message over the size limit
  415: 3, // INVALID_ARGUMENT: an encoding the server does not read
  429: 8, // RESOURCE_EXHAUSTED
  500: 13, // INTERNAL
  503: 14, // UNAVAILABLE
};

export function encodeRpcStatus(httpStatus: number, message: string): Uint8Array {
  const code = RPC_CODE_BY_HTTP[httpStatus] ?? 2; // UNKNOWN
  return RpcStatus.encode(RpcStatus.fromObject({ code, message })).finish();
}
