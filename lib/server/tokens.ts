import "server-only";
// User access tokens for the API and the CLI: HS256 JWTs signed with NEXTAUTH_SECRET, `sub` = user id,
// `sv` = the user's session version when the token was issued (a token whose version is no longer the
// user's is refused: lib/core/access.ts's memberAppTenant, docs/security.md).
import { SignJWT, jwtVerify } from "jose";
import { env } from "@/lib/env";
import type { SessionClaim } from "@/lib/core/access";
import { unauthorized } from "@/lib/core/errors";

export const TOKEN_TTL_SECONDS = 30 * 24 * 3600;
const ISSUER = "flywheel";

function key(): Uint8Array {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return new TextEncoder().encode(secret);
}

export async function signAccessToken(claim: SessionClaim, ttlSeconds = TOKEN_TTL_SECONDS): Promise<string> {
  return new SignJWT({ sv: claim.sessionVersion })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claim.userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key());
}

/**
 * The user and session version of a valid, unexpired token; otherwise a 401. Whether that version is
 * still the user's is the caller's check (one query with the app's membership).
 */
export async function verifyAccessToken(token: string): Promise<SessionClaim> {
  try {
    const { payload } = await jwtVerify(token, key(), { issuer: ISSUER, algorithms: ["HS256"], requiredClaims: ["exp", "sub", "sv"] });
    if (!Number.isInteger(payload.sv)) throw new Error("sv is not an integer");
    return { userId: payload.sub!, sessionVersion: payload.sv as number };
  } catch {
    throw unauthorized("Invalid or expired access token");
  }
}
