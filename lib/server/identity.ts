import "server-only";
// Who is calling, and for which app. Three ways in: an API key with X-App-Id, a user JWT with appId=,
// or the dashboard's session cookie with appId=. Missing or bad credentials → 401; a valid identity
// without access to the app → 403, whether or not the app exists, so app ids cannot be probed.
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { keyAccess, memberAppTenant, touchKey, type SessionClaim } from "@/lib/core/access";
import type { Db } from "@/lib/core/db";
import { badRequest, forbidden, NUL_REASON, unauthorized } from "@/lib/core/errors";
import { looksLikeJwt } from "@/lib/core/secrets";
import { sessionClaim } from "./session-claim";
import { verifyAccessToken } from "./tokens";

export interface Identity {
  tenantId: string;
  appId: string;
  /** "key:<id>" or "user:<id>", for the audit log. */
  actor: string;
  /** How the caller proved who it is: only `session` (a cookie) is exposed to cross-site requests. */
  via: "key" | "jwt" | "session";
}

function credentialFrom(req: NextRequest): string | undefined {
  const header = req.headers.get("authorization")?.trim();
  if (!header) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(header);
  return (m ? m[1] : header).trim() || undefined;
}

/** The app id a request names: X-App-Id, or appId= for JWT and session callers. Both must agree. */
function appIdFrom(req: NextRequest): string | undefined {
  const header = req.headers.get("x-app-id")?.trim() || undefined;
  const param = req.nextUrl.searchParams.get("appId")?.trim() || undefined;
  if (param?.includes("\u0000")) throw badRequest("appId must not contain a NUL character", [{ name: "appId", reason: NUL_REASON }]);
  if (header && param && header !== param) {
    throw badRequest("X-App-Id and appId name different apps", [{ name: "appId", reason: "differs from X-App-Id" }]);
  }
  return header ?? param;
}

function requireAppId(appId: string | undefined, how: string): string {
  if (!appId) throw badRequest(`No app given: ${how}`, [{ name: "appId", reason: `is required (${how})` }]);
  return appId;
}

async function userIdentity(db: Db, claim: SessionClaim, appId: string, via: "jwt" | "session"): Promise<Identity> {
  return { tenantId: await memberAppTenant(db, claim, appId), appId, actor: `user:${claim.userId}`, via };
}

async function keyIdentity(db: Db, credential: string, appId: string | undefined): Promise<Identity> {
  const key = await keyAccess(db, credential, appId);
  const id = requireAppId(appId, "send the app id in the X-App-Id header");
  if (!key.appAllowed) throw forbidden(`This API key has no access to app "${id}"`);
  touchKey(db, key.keyId);
  return { tenantId: key.tenantId, appId: id, actor: `key:${key.keyId}`, via: "key" };
}

export async function resolveIdentity(req: NextRequest, db: Db): Promise<Identity> {
  const credential = credentialFrom(req);
  const appId = appIdFrom(req);

  if (credential && looksLikeJwt(credential)) {
    const claim = await verifyAccessToken(credential);
    return userIdentity(db, claim, requireAppId(appId, "pass appId=<app id> with a JWT"), "jwt");
  }

  if (credential) return keyIdentity(db, credential, appId);

  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  const claim = sessionClaim(token);
  if (claim) return userIdentity(db, claim, requireAppId(appId, "pass appId=<app id>"), "session");

  throw unauthorized("Missing credentials: send Authorization: Bearer <API key> with X-App-Id, or a JWT with appId=");
}
