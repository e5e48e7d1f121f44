// GET /v1/traces/export (docs/export.md). The wrapper does auth → validate → rate limit; the first
// read happens in prepareExport, before the response starts (while the limit is checked: it only
// reads until then); after that, errors are reported inside the stream.
import { parseExportQuery } from "@/lib/core/filters";
import { prepareExport } from "@/lib/core/export/pipeline";
import { env } from "@/lib/env";
import { exportResponse, logExportEnd } from "@/lib/server/export-response";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ auth: "identity", query: parseExportQuery, rateLimit: "export", readsBeforeLimit: true }, async ({ db, identity, query, req, requestId }) => {
  const prepared = await prepareExport(db, identity.appId, query, {
    retentionDays: env().FLYWHEEL_SCORE_RETENTION_DAYS,
    signal: req.signal,
    onEnd: logExportEnd(requestId, identity.tenantId),
  });
  return exportResponse(prepared, identity.appId, query.format);
});
