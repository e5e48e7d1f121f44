// Server shell of the Traces page: resolves the user's app (membership checked in currentApp), pins
// it in the URL so a shared link names its app, and hands over to the client view.
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { EmptyState, Spinner } from "@/components/ui/feedback";
import { TracesView } from "@/components/traces/traces-view";
import { sessionUserId } from "@/lib/server/auth-options";
import { currentApp } from "@/lib/server/current-app";
import { NoAppAccess } from "@/components/apps/no-app-access";

export const dynamic = "force-dynamic";

type SearchParams = Record<string, string | string[] | undefined>;

function toQuery(sp: SearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, value);
  }
  return out;
}

export default async function TracesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const userId = await sessionUserId();
  if (!userId) redirect("/login");
  const sp = await searchParams;
  const requested = typeof sp.appId === "string" ? sp.appId : undefined;
  const { app, apps } = await currentApp(userId, requested);
  if (!app) {
    return <EmptyState title="You are not a member of any app yet">Ask an admin to add you, or create one with `flywheel admin app create`.</EmptyState>;
  }
  if (!requested) {
    const query = toQuery(sp);
    query.set("appId", app.id);
    redirect(`/traces?${query.toString()}`);
  }
  if (requested !== app.id) {
    return <NoAppAccess requested={requested} app={app} page="/traces" />;
  }
  return (
    <Suspense fallback={<EmptyState icon={<Spinner className="size-6" />} title="Loading traces…" />}>
      <TracesView appId={app.id} apps={apps.map((a) => ({ id: a.id, name: a.name }))} />
    </Suspense>
  );
}
