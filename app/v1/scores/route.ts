// POST /v1/scores — one score or {"scores":[…]} (SPEC §2; docs/ingest.md).
import { createScores } from "@/lib/core/scores";
import { readJsonBody } from "@/lib/core/ingest/read-body";
import { prisma } from "@/lib/server/db";
import { requireIdentity, route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route(async (ctx) => {
  const { appId } = await requireIdentity(ctx);
  const h = ctx.req.headers;
  // Any Content-Type is read as JSON here: `curl -d` sends form encoding by default, and a score is
  // small enough that a wrong header should not stand between a user and a clear 400 on the body.
  const body = await readJsonBody({
    contentEncoding: h.get("content-encoding"),
    contentLength: h.get("content-length"),
    body: ctx.req.body,
  });
  return Response.json(await createScores(await prisma(), appId, body), { status: 201 });
});
