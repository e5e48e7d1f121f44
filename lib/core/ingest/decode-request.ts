// An OTLP ExportTraceServiceRequest → the rows to upsert and the spans rejected, with why. Both
// encodings arrive here in one shape: JSON validated by otlp-schema.ts, protobuf converted into it by
// decode-protobuf.ts; both are screened for spans nested too deep first.
import { validate } from "../errors";
import { keyValuesToObject } from "./any-value";
import { mapSpan } from "./map-span";
import { exportRequestSchema, type OtlpExportRequest } from "./otlp-schema";
import { jsonDepth } from "./read-body";
import type { SpanRow } from "./span-row";

export interface DecodedRequest {
  rows: SpanRow[];
  /** OTLP spans accepted (their EVENT rows not counted). */
  acceptedSpans: number;
  rejectedSpans: number;
  /** Why spans were rejected, at most a few examples, for the partial-success message. */
  rejections: string[];
}

const MAX_REASONS = 5;

/**
 * How deep one span's JSON may nest. Attribute values nest (kvlistValue / arrayValue, four JSON levels
 * each), and validating or mapping them recurses; 80 leaves room for ~16 nested values, far beyond
 * what any instrumentation sends, while a hostile 20,000-deep value cannot overflow the stack.
 */
export const MAX_SPAN_DEPTH = 80;

const list = (v: unknown): unknown[] | undefined => (Array.isArray(v) ? v : undefined);
const field = (v: unknown, key: string): unknown => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined);

/**
 * The body without the spans (and resources) that nest too deep, each counted as rejected with why:
 * measured before anything recursive touches them, and one such span does not cost the batch.
 */
function withoutTooDeep(body: unknown): { body: unknown; rejected: string[] } {
  const rejected: string[] = [];
  const resourceSpans = list(field(body, "resourceSpans"));
  if (!resourceSpans) return { body, rejected };
  const tooDeep = (v: unknown) => jsonDepth(v, MAX_SPAN_DEPTH) > MAX_SPAN_DEPTH;
  const reason = `nests deeper than ${MAX_SPAN_DEPTH} levels`;
  const kept = resourceSpans.map((rs, r) => {
    const scopeSpans = list(field(rs, "scopeSpans"));
    if (!scopeSpans) return rs;
    const deepResource = tooDeep(field(rs, "resource"));
    return {
      ...(rs as object),
      ...(deepResource ? { resource: undefined } : {}),
      scopeSpans: scopeSpans.map((ss, s) => {
        const spans = list(field(ss, "spans"));
        if (!spans) return ss;
        return {
          ...(ss as object),
          spans: spans.filter((span, i) => {
            if (!deepResource && !tooDeep(span)) return true;
            rejected.push(`resourceSpans[${r}].scopeSpans[${s}].spans[${i}]: ${deepResource ? `its resource ${reason}` : reason}`);
            return false;
          }),
        };
      }),
    };
  });
  return { body: { ...(body as object), resourceSpans: kept }, rejected };
}

/** A request ready to map, and the spans already rejected on the way (nested too deep). */
export interface ParsedRequest {
  request: OtlpExportRequest;
  rejected: string[];
}

/** A parsed JSON body: spans nested too deep taken out, then validated (400 naming the paths that do not fit). */
export function parseExportRequest(raw: unknown): ParsedRequest {
  const { body, rejected } = withoutTooDeep(raw);
  const request = validate(exportRequestSchema, body, {
    root: "body",
    summary: "Body is not an OTLP ExportTraceServiceRequest",
    // NUL characters in span content are stripped when the rows are written, not refused.
    allowNul: true,
    max: MAX_REASONS,
  });
  return { request, rejected };
}

/**
 * A request decoded from protobuf: already of the schema's type (the protobuf decoder enforced every
 * field's type), so only the depth screen applies, the same one JSON gets.
 */
export function screenExportRequest(decoded: OtlpExportRequest): ParsedRequest {
  const { body, rejected } = withoutTooDeep(decoded);
  return { request: body as OtlpExportRequest, rejected };
}

/** A parsed JSON body, validated and mapped. */
export function decodeExportRequest(raw: unknown): DecodedRequest {
  return mapExportRequest(parseExportRequest(raw));
}

export function mapExportRequest({ request, rejected }: ParsedRequest): DecodedRequest {
  // Keyed by (trace_id, span_id): a span sent twice in one batch is stored once, the last copy winning,
  // as a single INSERT … ON CONFLICT cannot touch one row twice.
  const rows = new Map<string, SpanRow>();
  const out: DecodedRequest = { rows: [], acceptedSpans: 0, rejectedSpans: rejected.length, rejections: rejected.slice(0, MAX_REASONS) };
  (request.resourceSpans ?? []).forEach((rs, r) => {
    const resource = keyValuesToObject(rs.resource?.attributes);
    (rs.scopeSpans ?? []).forEach((ss, s) => {
      (ss.spans ?? []).forEach((span, i) => {
        const result = mapSpan(span, resource);
        if (!result.ok) {
          out.rejectedSpans++;
          if (out.rejections.length < MAX_REASONS) {
            out.rejections.push(`resourceSpans[${r}].scopeSpans[${s}].spans[${i}]: ${result.reason}`);
          }
          return;
        }
        out.acceptedSpans++;
        for (const row of result.rows) rows.set(`${row.trace_id}:${row.span_id}`, row);
      });
    });
  });
  out.rows = [...rows.values()];
  return out;
}
