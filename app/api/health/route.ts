// GET /api/health — liveness plus a database round trip, for load balancers, probes and the test
// harness: 200 {"ok":true,"database":"postgres"|"pglite"}, or 503 {"ok":false,"database":"unreachable"}
// while the database is away. Each check is a fresh pooled query, so health recovers by itself as soon
// as the database is back.
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const noStore = { "cache-control": "no-store" };

export const GET = route(
  {
    auth: "none",
    // Probes read this body: the same shape whether the database answered or not.
    errorResponse: (err) =>
      err.code === "database_unavailable"
        ? Response.json({ ok: false, database: "unreachable" }, { status: 503, headers: { ...noStore, ...err.headers } })
        : undefined,
  },
  async ({ db }) => {
    await db.query("SELECT 1", []);
    return Response.json({ ok: true, database: db.kind }, { headers: noStore });
  },
);
