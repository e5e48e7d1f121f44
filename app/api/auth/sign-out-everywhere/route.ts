// POST /api/auth/sign-out-everywhere — ends every session and access token of the signed-in user (the
// dashboard's "Sign out everywhere"); the browser then signs out of next-auth to drop its own cookie.
import { endSessions } from "@/lib/core/access";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = route({ auth: "user" }, async ({ db, userId }) => {
  await endSessions(db, userId);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});
