// The export rate limit (docs/export.md, "Rate limit"): at most `limit` accepted exports per tenant in
// any rolling hour, shared by every app, key, user and server instance of the tenant. The count lives in the
// export_request table (which doubles as the audit log), and each check-and-insert runs in one
// transaction holding a per-tenant advisory lock (one database function call), so concurrent requests
// — on any number of server instances — are serialised and can never both take the last slot. The
// database clock is the only clock used, so instances with skewed clocks still agree.
import { Prisma } from "@prisma/client";
import { rateLimited } from "./errors";
import { readRows, type Db } from "./db";

export const RATE_WINDOW_SECONDS = 3600;

/**
 * Tenants this process has refused, until the Retry-After it gave them. A route that reads while the
 * check is in flight (route.ts, `readsBeforeLimit`) waits for the check instead while its tenant is
 * listed, so a client that keeps calling past its limit costs the database one small statement a
 * request, not a page's first read and a count as well. One entry per refused tenant, dropped once
 * looked up after its time.
 */
const refusedUntil = new Map<string, number>();

/** Whether this process refused the tenant an export within the Retry-After it gave. */
export function recentlyRefused(tenantId: string, now = Date.now()): boolean {
  const until = refusedUntil.get(tenantId);
  if (until === undefined) return false;
  if (until > now) return true;
  refusedUntil.delete(tenantId);
  return false;
}

export interface ExportRequestRecord {
  tenantId: string;
  appId: string;
  /** "key:<id>" or "user:<id>" */
  actor: string;
  format: string;
  /** The request's query string, for the audit log (it holds filters, never credentials). */
  query: string;
}

/**
 * Records an accepted export, or throws a 429 AppError whose Retry-After is the number of seconds
 * until enough of the window's requests have aged out to free a slot (at least 1).
 */
export async function acceptExportRequest(db: Db, req: ExportRequestRecord, limit: number): Promise<void> {
  // One round trip: the lock, the count and the insert run in the database function
  // flywheel_accept_export (migration 20261125200000_accept_export), in one transaction of their own,
  // which commits without waiting for a disk flush (20261126000000_accept_export_async_commit).
  // On the driver, not through Prisma, whose $queryRaw cost ~2 ms more per call (docs/performance.md).
  const [row] = await readRows<{ accepted: boolean; wait_ms: number | null }>(db, Prisma.sql`
    SELECT accepted, wait_ms FROM flywheel_accept_export(${crypto.randomUUID()}, ${req.tenantId}, ${req.appId},
      ${req.actor}, ${req.format}, ${req.query}, ${limit}::int, ${RATE_WINDOW_SECONDS}::int)`);
  if (!row?.accepted) {
    const retryAfter = Math.max(1, Math.ceil(Number(row?.wait_ms ?? 1000) / 1000));
    refusedUntil.set(req.tenantId, Date.now() + retryAfter * 1000);
    throw rateLimited(retryAfter, limit);
  }
}
