// Support for the bulk export spec: many plain spans for a tenant's app (more than one page export can
// hold), and a way to keep the tenant's new jobs queued (the server runs one job per tenant at a time).
import { holdTenantBusy as holdTenant } from "../test/exports/hold-tenant";
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

/** A running job in the tenant's name (test/exports/hold-tenant.ts), on this suite's database. */
export async function holdTenantBusy(tenantId: string, appId: string): Promise<() => Promise<void>> {
  return holdTenant((await e2eDb()).sql, tenantId, appId);
}
