import "server-only";
// The app the dashboard shows: the one named by ?appId= when the user is a member of its tenant,
// else the user's first app. Membership is checked here, so a page never renders a foreign app.
import { prisma } from "./db";

export interface AppSummary {
  id: string;
  name: string;
  tenantId: string;
  tenantName: string;
}

export async function currentApp(userId: string, requestedAppId?: string): Promise<{ app?: AppSummary; apps: AppSummary[] }> {
  const db = await prisma();
  const rows = await db.app.findMany({
    where: { tenant: { memberships: { some: { userId } } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, tenantId: true, tenant: { select: { name: true } } },
  });
  const apps = rows.map((r) => ({ id: r.id, name: r.name, tenantId: r.tenantId, tenantName: r.tenant.name }));
  const app = apps.find((a) => a.id === requestedAppId) ?? apps[0];
  return { app, apps };
}

/** The tenants the user belongs to (for the API keys page). */
export async function userTenants(userId: string) {
  const db = await prisma();
  const rows = await db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, tenant: { select: { id: true, name: true, slug: true } } },
  });
  return rows.map((r) => ({ ...r.tenant, role: r.role }));
}
