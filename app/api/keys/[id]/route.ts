// Dashboard API: revoke one key of a tenant the signed-in user belongs to.
import { z } from "zod";
import { revokeApiKey } from "@/lib/core/tenancy";
import { route } from "@/lib/server/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Revokes (never deletes) a key: it stops working at once and stays listed as revoked. */
export const DELETE = route({ auth: "member", query: z.strictObject({ tenantId: z.string().min(1, "is required") }) }, async ({ db, tenantId, params }) => {
  await revokeApiKey(db, tenantId, params.id);
  return new Response(null, { status: 204 });
});
