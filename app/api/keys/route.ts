// Dashboard API for the API keys page: list and create keys of a tenant the signed-in user belongs to.
import { z } from "zod";
import { createApiKey, listApiKeys, nameSchema } from "@/lib/core/tenancy";
import { route } from "@/lib/server/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const tenantId = z.string().min(1, "is required");

export const GET = route({ auth: "member", query: z.strictObject({ tenantId }) }, async ({ db, tenantId }) =>
  Response.json({ keys: await listApiKeys(db, tenantId) }),
);

export const POST = route({ auth: "member", body: z.strictObject({ tenantId, name: nameSchema }) }, async ({ db, tenantId, body }) =>
  Response.json(await createApiKey(db, { tenantId, name: body.name }), { status: 201 }),
);
