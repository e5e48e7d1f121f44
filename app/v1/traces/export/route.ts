// GET /v1/traces/export (SPEC §3). Everything that can fail runs before the body starts, in this
// order: auth → validate → rate limit → first read; after that, errors are reported inside the stream.
import { parseExportQuery } from "@/lib/core/filters";
import { prepareExport } from "@/lib/core/export/pipeline";
import { acceptExportRequest } from "@/lib/core/rate-limit";
import { env } from "@/lib/env";
import { database } from "@/lib/server/db";
import { exportResponse, logExportEnd } from "@/lib/server/export-response";
import { requireIdentity, route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route(async (ctx) => {
  const identity = await requireIdentity(ctx);
  const query = parseExportQuery(ctx.req.nextUrl.searchParams);
  const db = await database();
  const config = env();
  await acceptExportRequest(
    db,
    { ...identity, format: query.format, query: ctx.req.nextUrl.search.replace(/^\?/, "") },
    config.FLYWHEEL_EXPORT_RATE_LIMIT,
  );
  const prepared = await prepareExport(db, identity.appId, query, {
    retentionDays: config.FLYWHEEL_SCORE_RETENTION_DAYS,
    signal: ctx.req.signal,
    onEnd: logExportEnd(ctx.requestId, identity.tenantId),
  });
  return exportResponse(prepared, identity.appId);
});
