// GET /api/traces/[traceId]?appId=… — every span of one trace with full content and scores, for the
// Traces page's detail panel.
import { readTrace } from "@/lib/core/traces/read-trace";
import { env } from "@/lib/env";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ auth: "identity" }, async ({ db, identity, params }) => {
  const trace = await readTrace(db, identity.appId, params.traceId, { retentionDays: env().FLYWHEEL_SCORE_RETENTION_DAYS });
  return Response.json(trace, { headers: { "cache-control": "no-store" } });
});
