// Placeholder until the Traces table lands: the newest spans of the user's app, server-rendered.
import { sessionUserId } from "@/lib/server/auth-options";
import { currentApp } from "@/lib/server/current-app";
import { prisma } from "@/lib/server/db";

export const dynamic = "force-dynamic";

export default async function TracesPage({ searchParams }: { searchParams: Promise<{ appId?: string }> }) {
  const userId = (await sessionUserId())!;
  const { app } = await currentApp(userId, (await searchParams).appId);
  if (!app) return <p className="text-slate-600">You are not a member of any app yet.</p>;
  const spans = await (await prisma()).span.findMany({
    where: { appId: app.id },
    orderBy: [{ timestamp: "desc" }, { spanId: "desc" }],
    take: 50,
    select: { id: true, timestamp: true, spanName: true, type: true, model: true, status: true },
  });
  return (
    <section>
      <h1 className="mb-3 text-lg font-semibold">Traces · {app.name}</h1>
      <table className="w-full text-sm" data-testid="traces-table">
        <thead><tr className="text-left text-slate-500"><th>Time</th><th>Name</th><th>Type</th><th>Model</th><th>Status</th></tr></thead>
        <tbody>
          {spans.map((s) => (
            <tr key={String(s.id)} className="border-t border-slate-100">
              <td>{s.timestamp.toISOString()}</td><td>{s.spanName}</td><td>{s.type}</td><td>{s.model}</td><td>{s.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
