// A binary OTLP ExportTraceServiceRequest → the same shape the JSON path validates (otlp-schema.ts), so
// one mapper serves both encodings. protobuf.js does the wire decoding from the official definitions;
// this module only converts the protobuf representation into the protobuf JSON mapping's:
// ids are bytes → lowercase hex (what the JS JSON exporter sends), 64-bit integers are Long objects →
// decimal strings (numbers when an int attribute fits exactly), enums stay numbers, AnyValue bytes →
// base64 (as the JSON mapping carries them). A body that does not decode is a 400, never a 500.
import type Long from "long";
import { badRequest } from "../errors";
import type { OtlpAnyValue, OtlpEvent, OtlpExportRequest, OtlpKeyValue, OtlpSpan } from "./otlp-schema";
import { ExportTraceServiceRequest } from "./otlp-proto";

// The decoded messages, as far as Flywheel reads them. Unset scalars read as their proto3 defaults
// (0, "", empty bytes); unset messages as null.
interface PbAnyValue {
  /** Which member of the `value` oneof is set (protobuf.js's virtual oneof property). */
  value?: "stringValue" | "boolValue" | "intValue" | "doubleValue" | "arrayValue" | "kvlistValue" | "bytesValue";
  stringValue: string;
  boolValue: boolean;
  intValue: Long | number;
  doubleValue: number;
  arrayValue: { values: PbAnyValue[] } | null;
  kvlistValue: { values: PbKeyValue[] } | null;
  bytesValue: Uint8Array;
}
interface PbKeyValue {
  key: string;
  value: PbAnyValue | null;
}
interface PbEvent {
  timeUnixNano: Long | number;
  name: string;
  attributes: PbKeyValue[];
}
interface PbSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  parentSpanId: Uint8Array;
  name: string;
  kind: number;
  startTimeUnixNano: Long | number;
  endTimeUnixNano: Long | number;
  attributes: PbKeyValue[];
  events: PbEvent[];
  status: { code: number; message: string } | null;
}
interface PbRequest {
  resourceSpans: {
    resource: { attributes: PbKeyValue[] } | null;
    scopeSpans: { scope: { name: string; version: string } | null; spans: PbSpan[] }[];
  }[];
}

const TRACE_ID_BYTES = 16;
const SPAN_ID_BYTES = 8;

/** A view of decoded bytes as a Buffer (no copy); an unset bytes field decodes as an empty array. */
const bytesOf = (b: Uint8Array) => (b instanceof Uint8Array ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : Buffer.from(b));

/**
 * An id field as the JSON mapping's hex. A protobuf id of the wrong length becomes text that no id
 * check accepts: its hex alone could be read as base64 of the right length by the JSON path's rules
 * (22 hex characters are also 16 bytes of base64), which would store a different id.
 */
function idOf(b: Uint8Array, length: number): string {
  if (!b?.length) return "";
  const hex = bytesOf(b).toString("hex");
  return b.length === length ? hex : `invalid id of ${b.length} bytes: ${hex}`;
}

/** An unsigned 64-bit time → its decimal text (nanoseconds are past 2^53, so never via a JS number). */
function uint64Text(v: Long | number): string {
  if (typeof v === "number") return String(v);
  return ((BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0)).toString();
}

/** A signed 64-bit int attribute → a number when it is exact, else its decimal text (as anyValueToJson keeps it). */
function int64Value(v: Long | number): number | string {
  if (typeof v === "number") return v;
  const n = v.high * 4294967296 + (v.low >>> 0);
  if (Number.isSafeInteger(n)) return n;
  return BigInt.asIntN(64, (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0)).toString();
}

const MEMBERS = ["stringValue", "boolValue", "intValue", "doubleValue", "arrayValue", "kvlistValue", "bytesValue"] as const;

/**
 * Which member of the `value` oneof is set. The decoder writes only the fields on the wire as own
 * properties (defaults live on the prototype), so one own member is the answer. protobuf.js's virtual
 * `value` getter says the same but lists the object's keys on every call, for every attribute value
 * ingested (~5 % of decoding a batch); it still decides the rare value that carries several members
 * (the last on the wire wins).
 */
function memberOf(v: PbAnyValue): PbAnyValue["value"] {
  let found: PbAnyValue["value"];
  for (const m of MEMBERS) {
    if (!Object.hasOwn(v, m)) continue;
    if (found) return v.value;
    found = m;
  }
  return found;
}

function anyValue(v: PbAnyValue | null): OtlpAnyValue | null {
  if (!v) return null;
  switch (memberOf(v)) {
    case "stringValue":
      return { stringValue: v.stringValue };
    case "boolValue":
      return { boolValue: v.boolValue };
    case "intValue":
      return { intValue: int64Value(v.intValue) };
    case "doubleValue":
      return { doubleValue: v.doubleValue };
    case "arrayValue":
      return { arrayValue: { values: (v.arrayValue?.values ?? []).map((x) => anyValue(x) ?? {}) } };
    case "kvlistValue":
      return { kvlistValue: { values: keyValues(v.kvlistValue?.values) } };
    case "bytesValue":
      return { bytesValue: bytesOf(v.bytesValue).toString("base64") };
    default:
      return null; // an empty AnyValue: the attribute is there, without a value
  }
}

function keyValues(list: PbKeyValue[] | undefined): OtlpKeyValue[] {
  const out: OtlpKeyValue[] = new Array(list?.length ?? 0);
  for (let i = 0; i < out.length; i++) out[i] = { key: list![i].key, value: anyValue(list![i].value) };
  return out;
}

function event(e: PbEvent): OtlpEvent {
  return { timeUnixNano: uint64Text(e.timeUnixNano), name: e.name, attributes: keyValues(e.attributes) };
}

function span(s: PbSpan): OtlpSpan {
  return {
    traceId: idOf(s.traceId, TRACE_ID_BYTES),
    spanId: idOf(s.spanId, SPAN_ID_BYTES),
    parentSpanId: idOf(s.parentSpanId, SPAN_ID_BYTES),
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: uint64Text(s.startTimeUnixNano),
    endTimeUnixNano: uint64Text(s.endTimeUnixNano),
    attributes: keyValues(s.attributes),
    events: s.events.map(event),
    status: s.status ? { code: s.status.code, message: s.status.message } : null,
  };
}

function request(r: PbRequest): OtlpExportRequest {
  return {
    resourceSpans: r.resourceSpans.map((rs) => ({
      resource: { attributes: keyValues(rs.resource?.attributes) },
      scopeSpans: rs.scopeSpans.map((ss) => ({
        scope: ss.scope ? { name: ss.scope.name, version: ss.scope.version } : null,
        spans: ss.spans.map(span),
      })),
    })),
  };
}

/**
 * Decodes a binary ExportTraceServiceRequest. Zero bytes are a valid, empty request (proto3 has no
 * required fields), answered like any other: nothing stored, nothing rejected.
 */
export function decodeProtobufRequest(bytes: Uint8Array): OtlpExportRequest {
  let decoded: PbRequest;
  try {
    decoded = ExportTraceServiceRequest.decode(bytes) as unknown as PbRequest;
  } catch (err) {
    // Truncated or foreign bytes (a JSON document sent as protobuf, a wrong message type), or nesting
    // deep enough to exhaust the stack: all are the client's body, not the server's fault.
    throw badRequest(`Request body is not a protobuf ExportTraceServiceRequest: ${(err as Error).message}`);
  }
  try {
    return request(decoded);
  } catch (err) {
    // The conversion recurses like the decoder: nesting the decoder just managed may still exhaust the
    // stack here. (Anything nested that deep is far past the per-span depth bound anyway.)
    if (err instanceof RangeError) throw badRequest("Request body nests too deep to decode");
    throw err;
  }
}
