// POST /v1/traces, framework-free: decode the OTLP JSON request, upsert the accepted spans as one
// batch, and answer as the OTLP/HTTP spec asks (an empty object, or partialSuccess with counts).
import { decodeExportRequest } from "./decode-request";
import type { Db } from "../db";
import { upsertSpans } from "./upsert-spans";

export interface ExportTraceServiceResponse {
  partialSuccess?: { rejectedSpans: number; errorMessage: string };
}

export async function ingestTraces(db: Db, appId: string, body: unknown): Promise<ExportTraceServiceResponse> {
  const decoded = decodeExportRequest(body);
  await upsertSpans(db, appId, decoded.rows);
  if (decoded.rejectedSpans === 0) return {};
  const more = decoded.rejectedSpans > decoded.rejections.length ? ` (first ${decoded.rejections.length} shown)` : "";
  return {
    partialSuccess: {
      rejectedSpans: decoded.rejectedSpans,
      errorMessage: `${decoded.rejectedSpans} span(s) rejected${more}: ${decoded.rejections.join("; ")}`,
    },
  };
}
