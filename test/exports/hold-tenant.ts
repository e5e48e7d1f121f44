// A job that counts as running for a tenant, for tests that need the tenant's other jobs to stay
// queued (one running job per tenant, docs/bulk-exports.md). Shared by the CLI and browser suites.
import { randomUUID } from "node:crypto";
import type { SqlConnection } from "../../lib/db/migrate";

/** Inserts a running job with a live heartbeat an hour ahead; returns its release (cancels it). */
export async function holdTenantBusy(sql: SqlConnection, tenantId: string, appId: string): Promise<() => Promise<void>> {
  const id = `hold_${randomUUID()}`;
  await sql.query(
    `INSERT INTO export_job (id, tenant_id, app_id, status, format, request, params, worker, heartbeat_at, started_at)
     VALUES ($1, $2, $3, 'running', 'jsonl', '{}', '{}', 'test-hold', now() + interval '1 hour', now())`,
    [id, tenantId, appId],
  );
  return async () => {
    await sql.query(`UPDATE export_job SET status = 'cancelled', finished_at = now() WHERE id = $1`, [id]);
  };
}
