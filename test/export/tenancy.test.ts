// Tenant isolation: filters × formats × auth modes never return another tenant's rows, even when both
// tenants hold the very same trace and span ids; naming someone else's app is a 403 with no data.
import Papa from "papaparse";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, makeTenancy, testDb, type Tenancy } from "../fixtures";
import { signIn } from "../session";
import { createUser } from "../../lib/core/tenancy";
import { ago, generation, insertScores, insertSpans, type SeedSpan } from "./seed";
import { callExport, errorOf, jwtFor, parseNdjson, type Auth } from "./http";

function tenantRows(label: string): SeedSpan[] {
  const rows: SeedSpan[] = [];
  for (let i = 0; i < 6; i++) {
    rows.push(
      generation(`trace-${i}`, `span-${i}`, ago(i + 1), {
        name: `${label} chat ${i}`,
        userId: `u${i % 2}`,
        tags: ["shared"],
        metadata: { env: "prod", owner: label },
        input: [{ role: "user", content: `tenant ${label} question ${i}` }],
        output: [{ role: "assistant", content: `tenant ${label} answer` }],
      }),
    );
    rows.push({ traceId: `trace-${i}`, spanId: `root-${i}`, timestamp: ago(i + 1.5), name: `${label} root ${i}`, type: "SPAN", tags: ["shared"], metadata: { owner: label } });
  }
  return rows;
}

// [label, filter, rows, of which GENERATIONs (what openai can write)]
const FILTERS: [string, Record<string, string>, number, number][] = [
  ["none", {}, 12, 6],
  ["type", { type: "GENERATION" }, 6, 6],
  ["tag", { tag: "shared" }, 12, 6],
  ["score", { score: "quality>=0.5" }, 4, 2],
  ["metadata", { metadata_key: "env", metadata_value: "prod" }, 6, 6],
  ["userId", { userId: "u1" }, 3, 3],
  ["name", { name: "chat" }, 6, 6],
];
const FORMATS = ["jsonl", "csv", "openai"] as const;
const AUTHS: Auth[] = ["key", "jwt", "session"];

/** The tenant label each row of a response carries, whatever the format. */
async function labelsOf(res: Response, format: (typeof FORMATS)[number]): Promise<string[]> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  if (format === "csv") {
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    return parsed.data.map((r) => r.span_name.split(" ")[0]);
  }
  const { lines } = parseNdjson(text);
  if (format === "jsonl") return lines.map((l) => String(l.span_name).split(" ")[0]);
  return lines.map((l) => /tenant (\w+) question/.exec(JSON.stringify(l))![1]);
}

describe("tenant isolation", () => {
  let a: Tenancy;
  let b: Tenancy;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    [a, b] = await Promise.all([makeTenancy("isoa"), makeTenancy("isob")]);
    for (const [t, label] of [[a, "A"], [b, "B"]] as const) {
      await insertSpans(t.appId, tenantRows(label));
      // Trace-level scores on traces 0 and 1: two spans each → 4 rows with quality ≥ 0.5.
      await insertScores(t.appId, [{ traceId: "trace-0", name: "quality", value: 0.9 }, { traceId: "trace-1", name: "quality", value: 0.6 }, { traceId: "trace-2", name: "quality", value: 0.1 }]);
    }
    cookies.A = (await signIn(baseUrl(), a.email, a.password))!;
    cookies.B = (await signIn(baseUrl(), b.email, b.password))!;
    expect(cookies.A && cookies.B).toBeTruthy();
  });

  for (const auth of AUTHS) {
    for (const format of FORMATS) {
      it.each(FILTERS)(`${auth} × ${format} × %s filter: only the caller's rows`, async (_n, filter, count, generations) => {
        for (const [t, label] of [[a, "A"], [b, "B"]] as const) {
          const res = await callExport(t, { ...filter, format }, { auth, cookie: cookies[label] });
          const labels = await labelsOf(res, format);
          const expected = format === "openai" ? generations : count;
          expect(labels).toEqual(Array(expected).fill(label));
        }
      });
    }
  }

  it("a key of tenant A naming tenant B's app is a 403 with no data", async () => {
    const res = await callExport(a, {}, { headers: { "x-app-id": b.appId } });
    expect(res.status).toBe(403);
    const error = await errorOf(res);
    expect(error.code).toBe("forbidden");
    expect(JSON.stringify(error)).not.toMatch(/chat|question/);
  });

  it("a JWT or session of tenant A naming tenant B's app is a 403", async () => {
    for (const auth of ["jwt", "session"] as const) {
      const res = await callExport(a, { appId: b.appId }, { auth, cookie: cookies.A });
      expect(res.status, auth).toBe(403);
      expect((await errorOf(res)).code).toBe("forbidden");
    }
  });

  it("an app that does not exist is a 403 too, so apps cannot be probed", async () => {
    const res = await callExport(a, {}, { headers: { "x-app-id": "app_does_not_exist" } });
    expect(res.status).toBe(403);
    await errorOf(res);
  });

  it("a user in both tenants reaches both apps with one token, each app's rows only", async () => {
    await createUser(await testDb(), { tenant: b.tenantId, email: a.email, password: "ignored-password" });
    const both = { ...a };
    for (const [appId, label] of [[a.appId, "A"], [b.appId, "B"]] as const) {
      const res = await callExport(both, { appId }, { auth: "jwt" });
      expect(await labelsOf(res, "jsonl")).toEqual(Array(12).fill(label));
    }
  });

  it("missing or bad credentials are a 401 and use no quota", async () => {
    const { prisma } = await testDb();
    const before = await prisma.exportRequest.count({ where: { tenantId: a.tenantId } });
    const url = `${baseUrl()}/v1/traces/export?appId=${a.appId}`;
    const expired = await jwtFor(a.userId, -60);
    const forged = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(a.userId).setIssuer("flywheel")
      .setExpirationTime(Math.floor(Date.now() / 1000) + 600).sign(new TextEncoder().encode("not-the-server-secret-0123456789"));
    const cases: [string, Record<string, string>][] = [
      ["nothing", {}],
      ["unknown key", { authorization: "Bearer fw_not_a_real_key_1234567890", "x-app-id": a.appId }],
      ["raw unknown key", { authorization: "fw_not_a_real_key_1234567890", "x-app-id": a.appId }],
      ["expired JWT", { authorization: `Bearer ${expired}` }],
      ["forged JWT", { authorization: `Bearer ${forged}` }],
      ["session cookie of nobody", { cookie: "next-auth.session-token=garbage" }],
    ];
    for (const [label, headers] of cases) {
      const res = await fetch(url, { headers });
      expect(res.status, label).toBe(401);
      expect((await errorOf(res)).code).toBe("unauthorized");
    }
    const { id } = await prisma.apiKey.findFirstOrThrow({ where: { tenantId: a.tenantId } });
    await prisma.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    const revoked = await callExport(a, {});
    expect(revoked.status).toBe(401);
    await errorOf(revoked);
    await prisma.apiKey.update({ where: { id }, data: { revokedAt: null } });
    expect(await prisma.exportRequest.count({ where: { tenantId: a.tenantId } })).toBe(before);
  });

  it("accepts a raw key without Bearer", async () => {
    const res = await fetch(`${baseUrl()}/v1/traces/export`, { headers: { authorization: a.apiKey, "x-app-id": a.appId } });
    expect(await labelsOf(res, "jsonl")).toEqual(Array(12).fill("A"));
  });
});
