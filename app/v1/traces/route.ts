// POST /v1/traces — OTLP/HTTP JSON ingest (docs/ingest.md).
import { ingestTraces } from "@/lib/core/ingest/ingest-traces";
import { readOtlpBody } from "@/lib/core/ingest/read-body";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route({ auth: "identity", body: readOtlpBody }, async ({ db, identity, body }) =>
  Response.json(await ingestTraces(db, identity.appId, body)),
);
