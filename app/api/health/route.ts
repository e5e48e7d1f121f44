// GET /api/health — liveness plus a database round trip; used by the test harness and load balancers.
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ auth: "none" }, async ({ db }) => {
  await db.query("SELECT 1", []);
  return Response.json({ ok: true, database: db.kind }, { headers: { "cache-control": "no-store" } });
});
