import "server-only";
// User access tokens for the API and the CLI: HS256 JWTs signed with NEXTAUTH_SECRET, `sub` = user id.
import { SignJWT, jwtVerify } from "jose";
import { env } from "@/lib/env";
import { unauthorized } from "@/lib/core/errors";

export const TOKEN_TTL_SECONDS = 30 * 24 * 3600;
const ISSUER = "flywheel";

function key(): Uint8Array {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return new TextEncoder().encode(secret);
}

export async function signAccessToken(userId: string, ttlSeconds = TOKEN_TTL_SECONDS): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(key());
}

/** Returns the user id of a valid, unexpired token; otherwise a 401. */
export async function verifyAccessToken(token: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, key(), { issuer: ISSUER, algorithms: ["HS256"], requiredClaims: ["exp", "sub"] });
    return payload.sub!;
  } catch {
    throw unauthorized("Invalid or expired access token");
  }
}
