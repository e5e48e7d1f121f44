// GET /api/traces — one page of the Traces table. The same query string as the export route, parsed
// by the same schema and read by the same engine, so the table and an export never disagree. Not an
// export: it does not count against the export rate limit.
import { parseExportQuery } from "@/lib/core/filters";
import { listPage } from "@/lib/core/export";
import { env } from "@/lib/env";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Rows per table page; `limit` in the query string is an export option and is ignored here. */
const PAGE_SIZE = 50;

// Session cookie + appId= (the dashboard), or a key / JWT like any API client.
export const GET = route({ auth: "identity", query: parseExportQuery }, async ({ db, identity, query }) => {
  const page = await listPage(db, identity.appId, { ...query, limit: PAGE_SIZE, lightweight: true }, {
    retentionDays: env().FLYWHEEL_SCORE_RETENTION_DAYS,
  });
  return Response.json(
    { rows: page.rows, total: page.total, next_cursor: page.nextCursor },
    { headers: { "cache-control": "no-store" } },
  );
});
