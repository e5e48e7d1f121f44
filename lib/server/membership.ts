import "server-only";
import { forbidden } from "@/lib/core/errors";
import { prisma } from "./db";

/** Throws 403 unless the user is a member of the tenant. */
export async function requireMembership(userId: string, tenantId: string): Promise<void> {
  const m = await (await prisma()).membership.findUnique({ where: { userId_tenantId: { userId, tenantId } } });
  if (!m) throw forbidden("You are not a member of this tenant");
}
