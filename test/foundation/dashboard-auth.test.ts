// Dashboard login and the API keys API, over real HTTP against the real server.
import { describe, expect, it } from "vitest";
import { baseUrl, makeTenancy, testDb } from "../fixtures";
import { signIn } from "../session";
import { hashApiKey } from "../../lib/core/secrets";

describe("dashboard login", () => {
  it("signs in with the right password only, and protects the dashboard", async () => {
    const t = await makeTenancy("login");
    expect(await signIn(baseUrl(), t.email, "wrong-password")).toBeUndefined();
    const cookie = await signIn(baseUrl(), t.email, t.password);
    expect(cookie).toBeDefined();

    const anonymous = await fetch(`${baseUrl()}/traces`, { redirect: "manual" });
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get("location")).toContain("/login");
    // Signed in, /traces opens (after pinning the user's app in the URL).
    const signedIn = await fetch(`${baseUrl()}/traces`, { headers: { cookie: cookie! } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.url).toContain(`appId=${t.appId}`);
    expect(await signedIn.text()).toContain(t.email);
  });

  it("stores passwords hashed, never in clear", async () => {
    const t = await makeTenancy("hash");
    const { prisma } = await testDb();
    const user = await prisma.user.findUniqueOrThrow({ where: { id: t.userId } });
    expect(user.passwordHash).not.toContain(t.password);
    expect(user.passwordHash).toMatch(/^scrypt\$/);
  });
});

describe("API keys API", () => {
  it("creates a key shown once, lists it by prefix only, and revokes it", async () => {
    const t = await makeTenancy("keys");
    const cookie = (await signIn(baseUrl(), t.email, t.password))!;
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${baseUrl()}${path}`, { ...init, headers: { cookie, origin: baseUrl(), "content-type": "application/json", ...init.headers } });

    const created = await api("/api/keys", { method: "POST", body: JSON.stringify({ tenantId: t.tenantId, name: "ci export" }) });
    expect(created.status).toBe(201);
    const { id, key, prefix } = (await created.json()) as { id: string; key: string; prefix: string };
    expect(key.startsWith(prefix)).toBe(true);

    const listed = (await (await api(`/api/keys?tenantId=${t.tenantId}`)).json()) as { keys: Record<string, unknown>[] };
    const row = listed.keys.find((k) => k.id === id)!;
    expect(row).toMatchObject({ name: "ci export", prefix, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(key);

    const { prisma } = await testDb();
    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { id } });
    expect(stored.keyHash).toBe(hashApiKey(key));
    expect(JSON.stringify(stored)).not.toContain(key);

    expect((await api(`/api/keys/${id}?tenantId=${t.tenantId}`, { method: "DELETE" })).status).toBe(204);
    const after = (await (await api(`/api/keys?tenantId=${t.tenantId}`)).json()) as { keys: { id: string; revokedAt: string | null }[] };
    expect(after.keys.find((k) => k.id === id)!.revokedAt).not.toBeNull();
    expect((await api(`/api/keys/${id}?tenantId=${t.tenantId}`, { method: "DELETE" })).status).toBe(404);
  });

  it("never lets a member of one tenant see or revoke another tenant's keys", async () => {
    const a = await makeTenancy("keysa");
    const b = await makeTenancy("keysb");
    const cookie = (await signIn(baseUrl(), a.email, a.password))!;
    const bKey = await (await testDb()).prisma.apiKey.findFirstOrThrow({ where: { tenantId: b.tenantId } });
    const list = await fetch(`${baseUrl()}/api/keys?tenantId=${b.tenantId}`, { headers: { cookie } });
    expect(list.status).toBe(403);
    const revokeViaOwnTenant = await fetch(`${baseUrl()}/api/keys/${bKey.id}?tenantId=${a.tenantId}`, { method: "DELETE", headers: { cookie, origin: baseUrl() } });
    expect(revokeViaOwnTenant.status).toBe(404);
    const stillActive = await (await testDb()).prisma.apiKey.findUniqueOrThrow({ where: { id: bKey.id } });
    expect(stillActive.revokedAt).toBeNull();
  });

  it("rejects bad input with a 400 naming the field, and anonymous callers with 401", async () => {
    const t = await makeTenancy("keysbad");
    const cookie = (await signIn(baseUrl(), t.email, t.password))!;
    const res = await fetch(`${baseUrl()}/api/keys`, {
      method: "POST",
      headers: { cookie, origin: baseUrl(), "content-type": "application/json" },
      body: JSON.stringify({ tenantId: t.tenantId, name: "" }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { invalid_params: { name: string }[] } };
    expect(body.error.invalid_params.map((p) => p.name)).toContain("name");
    expect((await fetch(`${baseUrl()}/api/keys?tenantId=${t.tenantId}`)).status).toBe(401);
  });
});
