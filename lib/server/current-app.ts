import "server-only";
// The app the dashboard shows: the one named by ?appId= when the user is a member of its tenant,
// else the user's first app. Membership is checked here, so a page never renders a foreign app.
import { memberApps, memberTenants, type AppSummary } from "@/lib/core/access";
import { database } from "./db";

export async function currentApp(userId: string, requestedAppId?: string): Promise<{ app?: AppSummary; apps: AppSummary[] }> {
  const apps = await memberApps(await database(), userId);
  return { app: apps.find((a) => a.id === requestedAppId) ?? apps[0], apps };
}

/** The tenants the user belongs to (for the API keys page). */
export async function userTenants(userId: string) {
  return memberTenants(await database(), userId);
}
