// The OTLP protobuf messages, from the descriptor generated out of the vendored official .proto files
// (proto/README.md). protobuf.js builds a decoder and an encoder for each type on first use.
import Long from "long";
import protobuf from "protobufjs";
import { OTLP_PROTO_DESCRIPTOR } from "./otlp-proto-descriptor";

// 64-bit fields (timestamps, int attributes) must decode exactly. protobuf.js finds `long` through a
// require hidden from bundlers, which a server bundle may not resolve; without it those fields would
// silently become rounded JS numbers. So it is handed over explicitly.
protobuf.util.Long = Long;
protobuf.configure();

const root = protobuf.Root.fromJSON(OTLP_PROTO_DESCRIPTOR);

export const ExportTraceServiceRequest = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
export const ExportTraceServiceResponse = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse");
/** The body of a failed OTLP/HTTP protobuf request (the OTLP/HTTP spec: a protobuf-encoded google.rpc.Status). */
export const RpcStatus = root.lookupType("google.rpc.Status");
