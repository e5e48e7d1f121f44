// POST /v1/traces, framework-free: map the decoded OTLP request (either encoding), upsert the accepted
// spans as one batch, and answer as the OTLP/HTTP spec asks (an empty object, or partialSuccess with
// counts); the route writes that answer in the request's encoding.
import { mapExportRequest, type ParsedRequest } from "./decode-request";
import type { Db } from "../db";
import { upsertSpans } from "./upsert-spans";

export interface ExportTraceServiceResponse {
  partialSuccess?: { rejectedSpans: number; errorMessage: string };
}

export async function ingestTraces(db: Db, appId: string, parsed: ParsedRequest): Promise<ExportTraceServiceResponse> {
  const decoded = mapExportRequest(parsed);
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
