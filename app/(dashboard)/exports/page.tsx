// Server shell of the Exports page: resolves the user's app (membership checked in currentApp), pins
// it in the URL like the Traces page, and hands over to the client view of the app's bulk export jobs.
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { EmptyState, Spinner } from "@/components/ui/feedback";
import { ExportsView } from "@/components/exports/exports-view";
import { sessionUserId } from "@/lib/server/auth-options";
import { currentApp } from "@/lib/server/current-app";
import { NoAppAccess } from "@/components/apps/no-app-access";

export const dynamic = "force-dynamic";

export default async function ExportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const userId = await sessionUserId();
  if (!userId) redirect("/login");
  const sp = await searchParams;
  const requested = typeof sp.appId === "string" ? sp.appId : undefined;
  const { app, apps } = await currentApp(userId, requested);
  if (!app) return <EmptyState title="You are not a member of any app yet">Ask an admin to add you.</EmptyState>;
  if (!requested) redirect(`/exports?appId=${encodeURIComponent(app.id)}`);
  if (requested !== app.id) {
    return <NoAppAccess requested={requested} app={app} page="/exports" />;
  }
  return (
    <Suspense fallback={<EmptyState icon={<Spinner className="size-6" />} title="Loading exports…" />}>
      <ExportsView appId={app.id} apps={apps.map((a) => ({ id: a.id, name: a.name }))} />
    </Suspense>
  );
}
