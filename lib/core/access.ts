// Who may reach what: API keys, logins and memberships, read from the database. The server's
// identity and route wrapper, the dashboard's pages and next-auth all ask here, so an access rule
// is written once.
import { Prisma } from "@prisma/client";
import { readRows, type Db } from "./db";
import { forbidden, unauthorized } from "./errors";
import { hashApiKey, hashPassword, verifyPassword } from "./secrets";

export interface KeyAccess {
  keyId: string;
  tenantId: string;
  /** Whether the named app belongs to the key's tenant. */
  appAllowed: boolean;
}

/** The key (by its hash) and whether it may reach the app; 401 for an unknown or revoked key. */
export async function keyAccess(db: Db, key: string, appId: string | undefined): Promise<KeyAccess> {
  // The key and the named app in one round trip: every API call starts here. On the driver rather
  // than Prisma's $queryRaw, which cost ~2 ms more per call (docs/performance.md).
  const [row] = await readRows<{ id: string; tenant_id: string; revoked: boolean; app_id: string | null }>(db, Prisma.sql`
    SELECT k.id, k.tenant_id, k.revoked_at IS NOT NULL AS revoked, a.id AS app_id
    FROM api_key k LEFT JOIN app a ON a.tenant_id = k.tenant_id AND a.id = ${appId ?? null}
    WHERE k.key_hash = ${hashApiKey(key)}`);
  if (!row || row.revoked) throw unauthorized("Invalid or revoked API key");
  return { keyId: row.id, tenantId: row.tenant_id, appAllowed: row.app_id !== null };
}

/** When this process last sent a key's touch (ms), so a busy key costs one statement a minute, not one a call. */
const touchedAt = new Map<string, number>();
const TOUCH_EVERY_MS = 60_000;

/**
 * Notes that a key was used: best effort, and at most once a minute so a busy key does not rewrite its
 * row on every call. The minute is checked in this process first (a statement and a round trip fewer
 * per API call, on the same connections the call's own reads need) and in the row itself, which
 * other instances share. The map holds one entry per key used in the last minute.
 */
export function touchKey(db: Db, keyId: string, now = Date.now()): void {
  const last = touchedAt.get(keyId);
  if (last !== undefined && now - last < TOUCH_EVERY_MS) return;
  if (touchedAt.size > 10_000) for (const [id, at] of touchedAt) if (now - at >= TOUCH_EVERY_MS) touchedAt.delete(id);
  touchedAt.set(keyId, now);
  db.execute(`UPDATE api_key SET last_used_at = now()
    WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, [keyId]).catch(() => {});
}

/** A signed-in user as a session or access token names them: the user, and the session version it was issued under. */
export interface SessionClaim {
  userId: string;
  sessionVersion: number;
}

/**
 * The tenant of an app a session or access token may reach: 401 when its user is gone or its session
 * version is not the user's current one (the session was ended: docs/security.md), 403 when the user
 * is not a member of the app's tenant — whether or not the app exists.
 */
export async function memberAppTenant(db: Db, claim: SessionClaim, appId: string): Promise<string> {
  // The version check and the membership in one round trip (every JWT and session call starts here),
  // on primary keys only; on the driver like keyAccess.
  const [row] = await readRows<{ session_version: number; tenant_id: string | null }>(db, Prisma.sql`
    SELECT u.session_version,
      (SELECT a.tenant_id FROM app a JOIN membership m ON m.tenant_id = a.tenant_id AND m.user_id = u.id
       WHERE a.id = ${appId}) AS tenant_id
    FROM "user" u WHERE u.id = ${claim.userId}`);
  if (!row || row.session_version !== claim.sessionVersion) throw unauthorized("This session has ended: sign in again");
  if (!row.tenant_id) throw forbidden(`No access to app "${appId}"`);
  return row.tenant_id;
}

/** The user of a live session: undefined when the user is gone or the session was ended. */
export async function sessionUser(db: Db, claim: SessionClaim): Promise<{ id: string; email: string } | undefined> {
  const user = await db.prisma.user.findUnique({ where: { id: claim.userId }, select: { id: true, email: true, sessionVersion: true } });
  if (!user || user.sessionVersion !== claim.sessionVersion) return undefined;
  return { id: user.id, email: user.email };
}

/**
 * Ends every session and access token of the user (docs/security.md "Sessions and how they end").
 * With `ifVersion`, only while that is still the current version: a sign-out with an already ended
 * session changes nothing, so replaying an old cookie cannot keep signing its user out.
 */
export async function endSessions(db: Db, userId: string, ifVersion?: number): Promise<boolean> {
  const changed = await db.execute(
    `UPDATE "user" SET session_version = session_version + 1 WHERE id = $1 AND ($2::int IS NULL OR session_version = $2::int)`,
    [userId, ifVersion ?? null],
  );
  return changed > 0;
}

/** Throws 403 unless the user is a member of the tenant. */
export async function requireMembership(db: Db, userId: string, tenantId: string): Promise<void> {
  const m = await db.prisma.membership.findUnique({ where: { userId_tenantId: { userId, tenantId } } });
  if (!m) throw forbidden("You are not a member of this tenant");
}

// A hash to check against when the email is unknown, so both failures take the same time (an
// attacker cannot tell which emails have accounts from how fast the refusal comes back).
let decoyHash: Promise<string> | undefined;

export interface AuthenticatedUser {
  id: string;
  email: string;
  name: string | null;
  /** The version the new session or token carries (`sv`). */
  sessionVersion: number;
}

/**
 * The user with this email and password; 401 otherwise, in the same time whether or not the email
 * exists. Callers sign in through login-throttle.ts's signInWithPassword, which counts the failures.
 */
export async function authenticate(db: Db, email: string, password: string): Promise<AuthenticatedUser> {
  const user = await db.prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, sessionVersion: true },
  });
  decoyHash ??= hashPassword("decoy password, never valid");
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  if (!user || !ok) throw unauthorized("Wrong email or password");
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

export interface AppSummary {
  id: string;
  name: string;
  tenantId: string;
  tenantName: string;
}

/** Every app of every tenant the user belongs to, oldest first. */
export async function memberApps(db: Db, userId: string): Promise<AppSummary[]> {
  const rows = await db.prisma.app.findMany({
    where: { tenant: { memberships: { some: { userId } } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, tenantId: true, tenant: { select: { name: true } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, tenantId: r.tenantId, tenantName: r.tenant.name }));
}

/** The tenants the user belongs to, with the user's role in each. */
export async function memberTenants(db: Db, userId: string) {
  const rows = await db.prisma.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { role: true, tenant: { select: { id: true, name: true, slug: true } } },
  });
  return rows.map((r) => ({ ...r.tenant, role: r.role }));
}
