// Support for the bulk export spec: many plain spans for a tenant's app (more than one page export can
// hold), and a way to keep the tenant's new jobs queued (the server runs one job per tenant at a time).
import { randomUUID } from "node:crypto";
import { e2eDb } from "./fixtures";

export async function seedManySpans(appId: string, n: number): Promise<void> {
  const { prisma } = await e2eDb();
  const now = Date.now();
  await prisma.span.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      appId,
      traceId: `tr_bulk_${i}`,
      spanId: `sp_bulk_${String(i).padStart(5, "0")}`,
      spanName: "chat",
      type: "GENERATION",
      model: "gpt-4o-mini",
      status: "STATUS_CODE_OK",
      // Within the last day, several spans per second, so the table's default window holds them all.
      timestamp: new Date(now - 60_000 - Math.floor(i / 5) * 1000),
      latencyMs: 100,
      input: [{ role: "user", content: `question ${i}` }],
      output: [{ role: "assistant", content: `answer ${i}` }],
      metadata: {},
      tags: [],
      inputTokens: 5,
      outputTokens: 7,
      cost: 0.0001,
    })),
  });
}

/** A job that counts as running for the tenant (a live heartbeat an hour ahead); returns the release. */
export async function holdTenantBusy(tenantId: string, appId: string): Promise<() => Promise<void>> {
  const { sql } = await e2eDb();
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
