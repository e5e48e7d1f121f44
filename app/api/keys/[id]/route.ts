import { z } from "zod";
import { revokeApiKey, validate } from "@/lib/core/tenancy";
import { prisma } from "@/lib/server/db";
import { requireMembership } from "@/lib/server/membership";
import { requireUser, route } from "@/lib/server/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const query = z.object({ tenantId: z.string().min(1, "is required") }).strict();

/** Revokes (never deletes) a key: it stops working at once and stays listed as revoked. */
export const DELETE = route<{ id: string }>(async ({ req, params, log }) => {
  const userId = await requireUser();
  const { tenantId } = validate(query, Object.fromEntries(req.nextUrl.searchParams));
  await requireMembership(userId, tenantId);
  log.tenant = tenantId;
  await revokeApiKey(await prisma(), tenantId, params.id);
  return new Response(null, { status: 204 });
});
