// The export rate limit (SPEC §3): at most `limit` accepted exports per tenant in any rolling hour,
// shared by every app, key, user and server instance of the tenant. The count lives in the
// export_request table (which doubles as the audit log), and each check-and-insert runs in one
// transaction holding a per-tenant advisory lock, so concurrent requests — on any number of server
// instances — are serialised and can never both take the last slot. The database clock is the only
// clock used, so instances with skewed clocks still agree.
import type { PrismaClient } from "@prisma/client";
import { rateLimited } from "./errors";

export const RATE_WINDOW_SECONDS = 3600;

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
export async function acceptExportRequest(prisma: PrismaClient, req: ExportRequestRecord, limit: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(${req.tenantId}))) AS locked`;
    // The request whose departure frees a slot: with n requests in the window, the (n - limit + 1)-th
    // oldest. That is the oldest one when n = limit; later ones if the limit was lowered meanwhile.
    const [row] = await tx.$queryRaw<{ n: bigint | number; wait_ms: number | null }[]>`
      WITH win AS (
        SELECT created_at FROM export_request
        WHERE tenant_id = ${req.tenantId}
          AND created_at > clock_timestamp() - make_interval(secs => ${RATE_WINDOW_SECONDS})
      )
      SELECT (SELECT count(*) FROM win) AS n,
        (SELECT extract(epoch FROM (created_at + make_interval(secs => ${RATE_WINDOW_SECONDS}) - clock_timestamp())) * 1000
           FROM win ORDER BY created_at ASC
           OFFSET greatest((SELECT count(*) FROM win) - ${limit}, 0) LIMIT 1)::float8 AS wait_ms`;
    const inWindow = Number(row?.n ?? 0);
    if (inWindow >= limit) {
      throw rateLimited(Math.max(1, Math.ceil(Number(row?.wait_ms ?? 1000) / 1000)), limit);
    }
    await tx.$executeRaw`
      INSERT INTO export_request (id, tenant_id, app_id, actor, format, query, created_at)
      VALUES (${crypto.randomUUID()}, ${req.tenantId}, ${req.appId}, ${req.actor}, ${req.format}, ${req.query}, clock_timestamp())`;
  });
}
