// POST /v1/auth/token — email + password → a user access token (JWT) for the API and `flywheel login`.
import { z } from "zod";
import { badRequest, unauthorized } from "@/lib/core/errors";
import { validate } from "@/lib/core/tenancy";
import { hashPassword, verifyPassword } from "@/lib/core/secrets";
import { route } from "@/lib/server/route";
import { prisma } from "@/lib/server/db";
import { signAccessToken, TOKEN_TTL_SECONDS } from "@/lib/server/tokens";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const body = z.object({
  email: z.string().trim().toLowerCase().min(1, "is required").max(320, "is too long"),
  password: z.string().min(1, "is required").max(200, "is too long"),
});

// A hash to check against when the email is unknown, so both failures take the same time
// (an attacker cannot tell which emails have accounts from how fast the 401 comes back).
let decoyHash: Promise<string> | undefined;

export const POST = route(async (ctx) => {
  const raw = await ctx.req.json().catch(() => {
    throw badRequest("Body must be JSON: {\"email\": …, \"password\": …}", [{ name: "body", reason: "is not JSON" }]);
  });
  const { email, password } = validate(body, raw);
  const user = await (await prisma()).user.findUnique({ where: { email } });
  decoyHash ??= hashPassword("decoy password, never valid");
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok) throw unauthorized("Wrong email or password");
  const accessToken = await signAccessToken(user.id);
  return Response.json(
    { access_token: accessToken, token_type: "Bearer", expires_in: TOKEN_TTL_SECONDS },
    { headers: { "cache-control": "no-store" } },
  );
});
