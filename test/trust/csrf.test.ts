// Requests carried by the dashboard's session cookie must come from the dashboard: a page on another
// origin gets 403 for unsafe methods (whatever its Content-Type), 415 for a JSON route sent as a
// "simple" form/text body, and a cross-site navigation to the export is refused before it counts
// against the tenant's hour. API keys and bearer JWTs, which browsers never attach by themselves, are
// not affected.
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, makeTenancy, testDb, type Tenancy } from "../fixtures";
import { signIn } from "../session";
import { callExport } from "../export/http";

let t: Tenancy;
let cookie: string;
const EVIL = "http://evil.example";

beforeAll(async () => {
  t = await makeTenancy("csrf");
  cookie = (await signIn(baseUrl(), t.email, t.password))!;
});

const createKey = (headers: Record<string, string>, body = JSON.stringify({ tenantId: t.tenantId, name: "csrf" })) =>
  fetch(`${baseUrl()}/api/keys`, { method: "POST", headers: { cookie, ...headers }, body });

async function keyCount(): Promise<number> {
  return (await testDb()).prisma.apiKey.count({ where: { tenantId: t.tenantId } });
}

async function exportCount(): Promise<number> {
  return (await testDb()).prisma.exportRequest.count({ where: { tenantId: t.tenantId } });
}

describe("cookie-authenticated writes", () => {
  it("are refused from another origin, or with no origin at all, whatever the content type", async () => {
    const before = await keyCount();
    for (const [what, headers] of [
      ["evil origin, JSON", { origin: EVIL, "content-type": "application/json" }],
      ["evil origin, text/plain (no preflight)", { origin: EVIL, "content-type": "text/plain" }],
      ["evil origin, form", { origin: EVIL, "content-type": "application/x-www-form-urlencoded" }],
      ["another port of the same host", { origin: baseUrl().replace(/:\d+$/, ":1"), "content-type": "application/json" }],
      ["origin null", { origin: "null", "content-type": "application/json" }],
      ["no origin, cross-site fetch metadata", { "sec-fetch-site": "cross-site", "content-type": "application/json" }],
      ["no origin, same-site (another subdomain)", { "sec-fetch-site": "same-site", "content-type": "application/json" }],
      ["no origin, no fetch metadata", { "content-type": "application/json" }],
    ] as const) {
      expect((await createKey(headers)).status, what).toBe(403);
    }
    expect(await keyCount()).toBe(before);
  });

  it("need application/json for a JSON body even from our origin (415), and pass with it (201)", async () => {
    expect((await createKey({ origin: baseUrl(), "content-type": "text/plain" })).status).toBe(415);
    expect((await createKey({ origin: baseUrl() })).status).toBe(415);
    expect((await createKey({ origin: baseUrl(), "content-type": "application/json" })).status).toBe(201);
    // A browser that sends no Origin but says the request is same-origin is the dashboard too.
    expect((await createKey({ "sec-fetch-site": "same-origin", "content-type": "application/json" })).status).toBe(201);
  });

  it("revoking a key (DELETE) needs our origin too", async () => {
    const created = (await (await createKey({ origin: baseUrl(), "content-type": "application/json" })).json()) as { id: string };
    const revoke = (headers: Record<string, string>) =>
      fetch(`${baseUrl()}/api/keys/${created.id}?tenantId=${t.tenantId}`, { method: "DELETE", headers: { cookie, ...headers } });
    expect((await revoke({ origin: EVIL })).status).toBe(403);
    expect((await revoke({})).status).toBe(403);
    expect((await revoke({ origin: baseUrl() })).status).toBe(204);
  });

  it("posting scores with the session from another origin is refused; with an API key it is not", async () => {
    const body = JSON.stringify({ trace_id: "f".repeat(32), name: "q", value: 1 });
    const viaCookie = await fetch(`${baseUrl()}/v1/scores?appId=${t.appId}`, { method: "POST", headers: { cookie, origin: EVIL, "content-type": "text/plain" }, body });
    expect(viaCookie.status).toBe(403);
    // An API key with a foreign Origin: not a browser's ambient credential, so the origin does not matter
    // (the trace does not exist: 422 shows the request got past every check to the body).
    const viaKey = await fetch(`${baseUrl()}/v1/scores`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.apiKey}`, "x-app-id": t.appId, origin: EVIL, "content-type": "text/plain" },
      body,
    });
    expect(viaKey.status).toBe(422);
  });
});

describe("cookie-authenticated reads", () => {
  it("a cross-site navigation to the export is refused (403) and does not count against the hour", async () => {
    const before = await exportCount();
    const res = await callExport(t, { limit: 1 }, { auth: "session", cookie, headers: { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" } });
    expect(res.status).toBe(403);
    expect(await exportCount()).toBe(before);
    // The same from the dashboard itself, or typed into the address bar, is served (and counted).
    expect((await callExport(t, { limit: 1 }, { auth: "session", cookie, headers: { "sec-fetch-site": "same-origin" } })).status).toBe(200);
    expect((await callExport(t, { limit: 1 }, { auth: "session", cookie, headers: { "sec-fetch-site": "none" } })).status).toBe(200);
    expect(await exportCount()).toBe(before + 2);
  });

  it("API keys and bearer JWTs are served cross-site", async () => {
    const cross = { "sec-fetch-site": "cross-site", origin: EVIL };
    expect((await callExport(t, { limit: 1 }, { auth: "key", headers: cross })).status).toBe(200);
    expect((await callExport(t, { limit: 1 }, { auth: "jwt", headers: cross })).status).toBe(200);
  });
});
