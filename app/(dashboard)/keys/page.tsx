import { redirect } from "next/navigation";
import { sessionUserId } from "@/lib/server/auth-options";
import { currentApp, userTenants } from "@/lib/server/current-app";
import { SignOutEverywhere } from "@/components/auth/sign-out-everywhere";
import { KeysManager } from "@/components/keys/keys-manager";

export const dynamic = "force-dynamic";

export default async function KeysPage() {
  const userId = await sessionUserId();
  if (!userId) redirect("/login");
  const [tenants, { apps }] = await Promise.all([userTenants(userId), currentApp(userId)]);
  return (
    <div className="space-y-8">
      {tenants.length === 0 ? (
        <p className="text-slate-600">You are not a member of any tenant yet.</p>
      ) : (
        <KeysManager tenants={tenants} apps={apps.map((a) => ({ id: a.id, name: a.name, tenantId: a.tenantId }))} />
      )}
      <SignOutEverywhere />
    </div>
  );
}
