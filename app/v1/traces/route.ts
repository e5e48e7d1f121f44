// POST /v1/traces — OTLP/HTTP JSON ingest (SPEC §2; docs/ingest.md).
import { ingestTraces } from "@/lib/core/ingest/ingest-traces";
import { assertJsonContentType, readJsonBody } from "@/lib/core/ingest/read-body";
import { database } from "@/lib/server/db";
import { requireIdentity, route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route(async (ctx) => {
  const { appId } = await requireIdentity(ctx);
  const h = ctx.req.headers;
  assertJsonContentType(h.get("content-type"));
  const body = await readJsonBody({
    contentEncoding: h.get("content-encoding"),
    contentLength: h.get("content-length"),
    body: ctx.req.body,
  });
  // The raw executor, not Prisma: a batch travels as one large JSON parameter (docs/performance.md).
  const { execute } = await database();
  return Response.json(await ingestTraces({ execute }, appId, body));
});
