import { database } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** Liveness plus a database round trip; used by the test harness and load balancers. */
export async function GET() {
  const db = await database();
  await db.sql.query("SELECT 1");
  return Response.json({ ok: true, database: db.kind });
}
