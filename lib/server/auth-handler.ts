import "server-only";
// next-auth's route handler (/api/auth/*), with one change: a dashboard sign-in refused by the login
// throttle answers 429 with Retry-After, like POST /v1/auth/token, instead of next-auth's 401 for every
// refused credentials login. The body stays next-auth's ({"url": "…?error=TooManyAttempts:<s>"}), which
// its signIn() in the browser reads.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { loginFailure } from "@/lib/core/login-errors";
import { authOptions } from "./auth-options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

/** The error code of a refused credentials login's answer ({"url": ".../error?error=…"}), if any. */
async function refusalCode(res: Response): Promise<string | null> {
  const body = (await res.clone().json().catch(() => undefined)) as { url?: unknown } | undefined;
  if (typeof body?.url !== "string") return null;
  try {
    return new URL(body.url, "http://local").searchParams.get("error");
  } catch {
    return null;
  }
}

export function authRouteHandler() {
  const nextAuth = NextAuth(authOptions) as (req: NextRequest, ctx: Ctx) => Promise<Response>;
  return async (req: NextRequest, ctx: Ctx): Promise<Response> => {
    const res = await nextAuth(req, ctx);
    if (res.status !== 401 || req.method !== "POST") return res;
    const failure = loginFailure(await refusalCode(res));
    if (failure.kind !== "too-many-attempts") return res;
    const headers = new Headers(res.headers);
    if (failure.retryAfterSeconds) headers.set("Retry-After", String(failure.retryAfterSeconds));
    return new Response(res.body, { status: 429, headers });
  };
}
