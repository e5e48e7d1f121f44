// Puts spans and scores straight into the test database (the same one the server reads), so export
// tests control every field a filter looks at.
import { randomUUID } from "node:crypto";
import { testDb } from "../../test/fixtures";

export interface SeedSpan {
  spanId: string;
  traceId?: string;
  name: string;
  type: "GENERATION" | "SPAN" | "EVENT";
  model?: string;
  status?: "STATUS_CODE_UNSET" | "STATUS_CODE_OK" | "STATUS_CODE_ERROR";
  timestamp: Date;
  userId?: string;
  tags?: string[];
  metadata?: Record<string, string>;
  input?: unknown;
  output?: unknown;
  /** Span-level scores, name → value. */
  scores?: Record<string, number>;
}

export const chatInput = (user: string) => [
  { role: "system", content: "You are a helpful assistant." },
  { role: "user", content: user },
];
export const chatOutput = (text: string) => [{ role: "assistant", content: text }];

export async function seedSpans(appId: string, spans: SeedSpan[]): Promise<void> {
  const { prisma } = await testDb();
  await prisma.span.createMany({
    data: spans.map((s) => ({
      appId,
      traceId: s.traceId ?? `tr_${s.spanId}`,
      spanId: s.spanId,
      spanName: s.name,
      type: s.type,
      model: s.model ?? null,
      status: s.status ?? "STATUS_CODE_UNSET",
      timestamp: s.timestamp,
      latencyMs: 120,
      input: (s.input ?? (s.type === "GENERATION" ? chatInput(`question for ${s.spanId}`) : { note: s.name })) as object,
      output: (s.output ?? (s.type === "GENERATION" ? chatOutput(`answer for ${s.spanId}`) : { ok: true })) as object,
      metadata: s.metadata ?? {},
      userId: s.userId ?? null,
      tags: s.tags ?? [],
      inputTokens: 10,
      outputTokens: 20,
      cost: 0.001,
    })),
  });
  const scores = spans.flatMap((s) =>
    Object.entries(s.scores ?? {}).map(([name, value]) => ({
      id: randomUUID(),
      appId,
      traceId: s.traceId ?? `tr_${s.spanId}`,
      spanId: s.spanId,
      name,
      value,
      source: "eval",
    })),
  );
  if (scores.length) await prisma.score.createMany({ data: scores });
}

/** How many export requests the server accepted for a tenant (the rate limiter's own table). */
export async function exportRequestCount(tenantId: string): Promise<number> {
  const { sql } = await testDb();
  const r = await sql.query<{ n: string | number }>(`SELECT count(*) AS n FROM export_request WHERE tenant_id = $1`, [tenantId]);
  return Number(r.rows[0].n);
}

/** The query strings of a tenant's accepted export requests, oldest first. */
export async function exportRequestQueries(tenantId: string): Promise<string[]> {
  const { sql } = await testDb();
  const r = await sql.query<{ query: string }>(`SELECT query FROM export_request WHERE tenant_id = $1 ORDER BY created_at, id`, [tenantId]);
  return r.rows.map((x) => x.query);
}
