// Dashboard API for the API keys page: list and create keys of a tenant the signed-in user belongs to.
import { z } from "zod";
import { createApiKey, listApiKeys, nameSchema, validate } from "@/lib/core/tenancy";
import { badRequest } from "@/lib/core/errors";
import { prisma } from "@/lib/server/db";
import { requireMembership } from "@/lib/server/membership";
import { requireUser, route } from "@/lib/server/route";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const listQuery = z.object({ tenantId: z.string().min(1, "is required") }).strict();
const createBody = z.object({ tenantId: z.string().min(1, "is required"), name: nameSchema }).strict();

export const GET = route(async ({ req, log }) => {
  const userId = await requireUser();
  const { tenantId } = validate(listQuery, Object.fromEntries(req.nextUrl.searchParams));
  await requireMembership(userId, tenantId);
  log.tenant = tenantId;
  return Response.json({ keys: await listApiKeys(await prisma(), tenantId) });
});

export const POST = route(async ({ req, log }) => {
  const userId = await requireUser();
  const body = await req.json().catch(() => {
    throw badRequest("Body must be JSON", [{ name: "body", reason: "is not valid JSON" }]);
  });
  const { tenantId, name } = validate(createBody, body);
  await requireMembership(userId, tenantId);
  log.tenant = tenantId;
  const key = await createApiKey(await prisma(), { tenantId, name });
  return Response.json(key, { status: 201 });
});
