// The Traces table's API (GET /api/traces) and the detail API (GET /api/traces/[traceId]) over real
// HTTP against the real server: session auth and app access, the one filter schema, keyset pages of
// 50 that agree with the count, full trace content with the export's score rule — and no charge
// against the export rate limit.
import { describe, expect, it } from "vitest";
import type { TraceDetail, TracesPage } from "../lib/client/types";
import { baseUrl, makeTenancy, testDb } from "./fixtures";
import { LOOKUP_ORDER, seedSpans } from "./seed-traces";
import { signIn } from "./session";

async function signedIn(label: string, seed = true) {
  const t = await makeTenancy(label);
  if (seed) await seedSpans((await testDb()).prisma, t.appId);
  const cookie = (await signIn(baseUrl(), t.email, t.password))!;
  const get = (path: string) => fetch(`${baseUrl()}${path}`, { headers: { cookie } });
  return { t, get };
}

describe("GET /api/traces", () => {
  it("pages newest first, 50 at a time, every matching row exactly once", async () => {
    const { t, get } = await signedIn("tpages");
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = -1;
    let last = Infinity;
    do {
      const res = await get(`/api/traces?appId=${t.appId}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as TracesPage;
      expect(page.rows.length).toBeLessThanOrEqual(50);
      if (page.next_cursor) expect(page.rows).toHaveLength(50);
      total = page.total;
      for (const r of page.rows) {
        expect(Date.parse(r.timestamp)).toBeLessThanOrEqual(last);
        last = Date.parse(r.timestamp);
        // The table gets lightweight rows: no heavy content.
        expect(r).not.toHaveProperty("input");
        seen.push(`${r.trace_id}:${r.span_id}`);
      }
      cursor = page.next_cursor;
    } while (cursor);
    const { prisma } = await testDb();
    expect(total).toBe(await prisma.span.count({ where: { appId: t.appId } }));
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("filters with the export's parameters and counts what matches", async () => {
    const { t, get } = await signedIn("tfilter");
    const res = await get(`/api/traces?appId=${t.appId}&model=gpt-4o&score=${encodeURIComponent("correctness>=0.5")}&type=GENERATION`);
    const page = (await res.json()) as TracesPage;
    expect(res.status).toBe(200);
    expect(page.total).toBeGreaterThan(0);
    expect(page.rows).toHaveLength(page.total);
    for (const r of page.rows) {
      expect(r.model).toBe("gpt-4o");
      expect(r.type).toBe("GENERATION");
      expect(r.scores.correctness).toBeGreaterThanOrEqual(0.5);
    }
  });

  it("rejects invalid parameters with a 400 naming each one", async () => {
    const { t, get } = await signedIn("tbad", false);
    const res = await get(`/api/traces?appId=${t.appId}&score=nope&status=FINE`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { invalid_params: { name: string }[] } };
    expect(body.error.invalid_params.map((p) => p.name).sort()).toEqual(["score", "status"]);
  });

  it("needs a session, and never shows another tenant's app", async () => {
    const { t } = await signedIn("towner");
    const anonymous = await fetch(`${baseUrl()}/api/traces?appId=${t.appId}`);
    expect(anonymous.status).toBe(401);
    const other = await signedIn("tother", false);
    const foreign = await other.get(`/api/traces?appId=${t.appId}`);
    expect(foreign.status).toBe(403);
    expect(JSON.stringify(await foreign.json())).not.toContain("chat-completion");
    expect((await other.get(`/api/traces/${"0".repeat(26)}abc000?appId=${t.appId}`)).status).toBe(403);
  });

  it("does not count against the export rate limit", async () => {
    const { t, get } = await signedIn("tnolimit", false);
    for (let i = 0; i < 3; i++) expect((await get(`/api/traces?appId=${t.appId}`)).status).toBe(200);
    const { prisma } = await testDb();
    expect(await prisma.exportRequest.count({ where: { tenantId: t.tenantId } })).toBe(0);
  });
});

describe("GET /api/traces/[traceId]", () => {
  it("returns every span of the trace with full content and the scores each row carries", async () => {
    const { t, get } = await signedIn("tdetail");
    const traceId = (0xabc000).toString(16).padStart(32, "0"); // trace 0: has a tool call
    const res = await get(`/api/traces/${traceId}?appId=${t.appId}`);
    expect(res.status).toBe(200);
    const trace = (await res.json()) as TraceDetail;
    expect(trace.spans.map((s) => s.span_name).sort()).toEqual(["chat-completion", "handle-support-request"]);
    const gen = trace.spans.find((s) => s.type === "GENERATION")!;
    expect(Array.isArray(gen.input)).toBe(true);
    expect((gen.input as { role: string }[]).map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(gen.output).toEqual([{ role: "assistant", content: expect.stringContaining("has shipped") }]);
    expect(gen.tools).toEqual([LOOKUP_ORDER]);
    // The generation carries its own helpfulness and the trace-level correctness; the root only the latter.
    expect(gen.scores.map((s) => `${s.name}:${s.span_id ? "span" : "trace"}`)).toEqual(["correctness:trace", "helpfulness:span"]);
    const root = trace.spans.find((s) => s.type === "SPAN")!;
    expect(root.scores.map((s) => s.name)).toEqual(["correctness"]);
    expect(root.parent_span_id).toBeNull();
    expect(gen.parent_span_id).toBe(root.span_id);
  });

  it("answers 404 for a trace the app does not have", async () => {
    const { t, get } = await signedIn("tmissing", false);
    const res = await get(`/api/traces/nope?appId=${t.appId}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { detail: string } }).error.detail).toContain("nope");
  });
});
