import { sessionUserId } from "@/lib/server/auth-options";
import { currentApp, userTenants } from "@/lib/server/current-app";
import { KeysManager } from "@/components/keys/keys-manager";

export const dynamic = "force-dynamic";

export default async function KeysPage() {
  const userId = (await sessionUserId())!;
  const [tenants, { apps }] = await Promise.all([userTenants(userId), currentApp(userId)]);
  if (tenants.length === 0) return <p className="text-slate-600">You are not a member of any tenant yet.</p>;
  return <KeysManager tenants={tenants} apps={apps.map((a) => ({ id: a.id, name: a.name, tenantId: a.tenantId }))} />;
}
