// Sessions end (SPEC §8, docs/security.md "Sessions and how they end"): sign-out, "sign out everywhere",
// a password change and a removed membership end the user's dashboard sessions and access tokens at
// once; a replayed cookie or token is a 401.
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { removeMembership, setPassword } from "../../lib/core/tenancy";
import { baseUrl, makeTenancy, testDb, type Tenancy } from "../fixtures";
import { TEST_SECRET } from "../harness";
import { signIn, signOut } from "../session";

async function accessToken(t: Tenancy, password = t.password): Promise<string> {
  const res = await fetch(`${baseUrl()}/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: t.email, password }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function status(path: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${baseUrl()}${path}`, { headers, redirect: "manual" });
  await res.body?.cancel();
  return res.status;
}

const traces = (t: Tenancy, cookie: string) => status(`/api/traces?appId=${t.appId}`, { cookie });
const exportWith = (t: Tenancy, jwt: string) => status(`/v1/traces/export?appId=${t.appId}&limit=1`, { authorization: `Bearer ${jwt}` });

function signOutEverywhere(cookie: string): Promise<Response> {
  return fetch(`${baseUrl()}/api/auth/sign-out-everywhere`, { method: "POST", headers: { cookie, origin: baseUrl() } });
}

describe("sessions end", () => {
  it("sign-out: the saved cookie and the user's access tokens are refused afterwards", async () => {
    const t = await makeTenancy("sout");
    const cookie = (await signIn(baseUrl(), t.email, t.password))!;
    const jwt = await accessToken(t);
    expect(await traces(t, cookie)).toBe(200);
    expect(await exportWith(t, jwt)).toBe(200);

    const out = await signOut(baseUrl(), cookie);
    expect(out.res.status).toBe(200);
    expect(out.cookie).not.toMatch(/session-token/);

    expect(await traces(t, cookie)).toBe(401);
    expect(await status(`/v1/traces/export?appId=${t.appId}&limit=1`, { cookie })).toBe(401);
    expect(await exportWith(t, jwt)).toBe(401);
    expect(await status(`/api/keys?tenantId=${t.tenantId}`, { cookie })).toBe(401);
    // Pages send the ended session to the login page, which shows the form instead of bouncing back.
    const page = await fetch(`${baseUrl()}/traces?appId=${t.appId}`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/login");
    expect(await status("/login", { cookie })).toBe(200);

    // Signing in again works, and replaying the old cookie's sign-out does not end the new session.
    const again = (await signIn(baseUrl(), t.email, t.password))!;
    expect(await traces(t, again)).toBe(200);
    await signOut(baseUrl(), cookie);
    expect(await traces(t, again)).toBe(200);
  });

  it("sign out everywhere: every session and every access token issued before it ends", async () => {
    const t = await makeTenancy("severy");
    const laptop = (await signIn(baseUrl(), t.email, t.password))!;
    const phone = (await signIn(baseUrl(), t.email, t.password))!;
    const cli = await accessToken(t);
    const res = await signOutEverywhere(laptop);
    expect(res.status).toBe(204);
    expect(await traces(t, laptop)).toBe(401);
    expect(await traces(t, phone)).toBe(401);
    expect(await exportWith(t, cli)).toBe(401);
    // A token issued afterwards works; an API key never depended on the user's sessions.
    expect(await exportWith(t, await accessToken(t))).toBe(200);
    expect(await status(`/v1/traces/export?limit=1`, { authorization: `Bearer ${t.apiKey}`, "x-app-id": t.appId })).toBe(200);
    expect((await signOutEverywhere(laptop)).status).toBe(401);
  });

  it("a password change ends the user's sessions and tokens; the old password stops working", async () => {
    const t = await makeTenancy("spass");
    const cookie = (await signIn(baseUrl(), t.email, t.password))!;
    const jwt = await accessToken(t);
    await setPassword(await testDb(), { email: t.email, password: "a-brand-new-password" });
    expect(await traces(t, cookie)).toBe(401);
    expect(await exportWith(t, jwt)).toBe(401);
    expect(await signIn(baseUrl(), t.email, t.password)).toBeUndefined();
    const fresh = (await signIn(baseUrl(), t.email, "a-brand-new-password"))!;
    expect(await traces(t, fresh)).toBe(200);
  });

  it("a removed membership ends the user's sessions and tokens; a new one has no access to that app", async () => {
    const t = await makeTenancy("smember");
    const cookie = (await signIn(baseUrl(), t.email, t.password))!;
    const jwt = await accessToken(t);
    await removeMembership(await testDb(), { tenant: t.tenantId, email: t.email });
    expect(await traces(t, cookie)).toBe(401);
    expect(await exportWith(t, jwt)).toBe(401);
    expect(await exportWith(t, await accessToken(t))).toBe(403);
  });

  it("refuses a token without a session version, and one naming a version that is not the user's", async () => {
    const t = await makeTenancy("snosv");
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256", typ: "JWT" })
        .setSubject(t.userId)
        .setIssuer("flywheel")
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + 600)
        .sign(new TextEncoder().encode(TEST_SECRET));
    expect(await exportWith(t, await sign({}))).toBe(401);
    expect(await exportWith(t, await sign({ sv: "0" }))).toBe(401);
    expect(await exportWith(t, await sign({ sv: 1 }))).toBe(401);
    expect(await exportWith(t, await sign({ sv: 0 }))).toBe(200);
  });
});
