// POST /v1/traces — OTLP/HTTP ingest, protobuf or JSON (docs/ingest.md).
import { ingestTraces } from "@/lib/core/ingest/ingest-traces";
import { readOtlpBody } from "@/lib/core/ingest/read-otlp-body";
import { otlpErrorResponse, otlpResponse } from "@/lib/server/otlp-response";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route({ auth: "identity", body: readOtlpBody, errorResponse: otlpErrorResponse }, async ({ db, identity, body }) =>
  otlpResponse(body, await ingestTraces(db, identity.appId, body.parsed)),
);
