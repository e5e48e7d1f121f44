// A parsed OTLP JSON body → the rows to upsert and the spans rejected, with why.
import { validate } from "../errors";
import { keyValuesToObject } from "./any-value";
import { mapSpan } from "./map-span";
import { exportRequestSchema } from "./otlp-schema";
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

export function decodeExportRequest(body: unknown): DecodedRequest {
  const request = validate(exportRequestSchema, body, {
    root: "body",
    summary: "Body is not an OTLP ExportTraceServiceRequest",
    max: MAX_REASONS,
  });
  // Keyed by (trace_id, span_id): a span sent twice in one batch is stored once, the last copy winning,
  // as a single INSERT … ON CONFLICT cannot touch one row twice.
  const rows = new Map<string, SpanRow>();
  const out: DecodedRequest = { rows: [], acceptedSpans: 0, rejectedSpans: 0, rejections: [] };
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
