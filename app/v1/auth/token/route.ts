// POST /v1/auth/token — email + password → a user access token (JWT) for the API and `flywheel login`.
// Behind the login throttle (429 + Retry-After past it), like the dashboard's sign-in.
import { z } from "zod";
import { signInWithPassword } from "@/lib/core/login-throttle";
import { requestAddress } from "@/lib/server/client-address";
import { route } from "@/lib/server/route";
import { signAccessToken, TOKEN_TTL_SECONDS } from "@/lib/server/tokens";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const credentials = z.strictObject({
  email: z.string().trim().toLowerCase().min(1, "is required").max(320, "is too long"),
  password: z.string().min(1, "is required").max(200, "is too long"),
});

export const POST = route({ auth: "none", body: credentials }, async ({ db, body, req }) => {
  const user = await signInWithPassword(db, { ...body, address: requestAddress(req) });
  return Response.json(
    {
      access_token: await signAccessToken({ userId: user.id, sessionVersion: user.sessionVersion }),
      token_type: "Bearer",
      expires_in: TOKEN_TTL_SECONDS,
    },
    { headers: { "cache-control": "no-store" } },
  );
});
