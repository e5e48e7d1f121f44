import "server-only";
// What a dashboard session's JWT (next-auth's cookie) says about its user: `sub` and the session version
// `sv` it was issued under (lib/server/auth-options.ts's jwt callback puts it there at sign-in). A
// token without a whole-number version — one issued before versions existed — names no session.
import type { SessionClaim } from "@/lib/core/access";

export function sessionClaim(token: { sub?: unknown; sv?: unknown } | null | undefined): SessionClaim | undefined {
  if (!token || typeof token.sub !== "string" || !token.sub || !Number.isInteger(token.sv)) return undefined;
  return { userId: token.sub, sessionVersion: token.sv as number };
}
