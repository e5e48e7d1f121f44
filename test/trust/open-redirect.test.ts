// After login only same-origin paths are followed (SPEC §8 "Logins"): the login page's redirect of a
// signed-in user, the target it hands the login form, and next-auth's own callbackUrl handling.
import { describe, expect, it } from "vitest";
import { baseUrl, makeTenancy } from "../fixtures";
import { credentialsLogin, signIn, signOut } from "../session";

// As they would be typed into a link: the query string is decoded before anyone looks at it.
const HOSTILE = [
  "/%5Cevil.example/steal",
  "/%09/evil.example/x",
  "/%5C/evil.example",
  "/\\/evil.example",
  "//evil.example",
  "//evil.example/traces",
  "///evil.example",
  "https://evil.example",
  "https://evil.example/traces",
  "http:%2F%2Fevil.example",
  "%2F%2Fevil.example",
  "/%0A/evil.example",
  "javascript:alert(document.domain)",
];

/** A Location (or next-auth url) the browser would follow: must stay on the server's origin. */
function expectOwnOrigin(target: string | null) {
  expect(target).toBeTruthy();
  const resolved = new URL(target!, baseUrl());
  expect(resolved.origin).toBe(baseUrl());
  expect(target).not.toMatch(/evil\.example/);
}

describe("open redirects after login", () => {
  it.each(HOSTILE)("the login page never sends a signed-in user to %s", async (raw) => {
    const t = await makeTenancy("redir");
    const cookie = (await signIn(baseUrl(), t.email, t.password))!;
    const res = await fetch(`${baseUrl()}/login?callbackUrl=${raw}`, { headers: { cookie }, redirect: "manual" });
    expect(res.status).toBe(307);
    const location = res.headers.get("location");
    expectOwnOrigin(location);
    expect(new URL(location!, baseUrl()).pathname).toBe("/traces");
  });

  it.each(HOSTILE)("the login form is never handed %s", async (raw) => {
    const res = await fetch(`${baseUrl()}/login?callbackUrl=${raw}`);
    expect(res.status).toBe(200);
    // The form's props travel in the page's flight data (as escaped JSON); the page URL does too, so
    // only the prop is looked at.
    const props = [...(await res.text()).matchAll(/\\"callbackUrl\\":\\"([^"\\]*)\\"/g)].map((m) => m[1]);
    expect(props).toEqual(["/traces"]);
  });

  it("keeps a same-origin path, query included", async () => {
    const t = await makeTenancy("redirok");
    const cookie = (await signIn(baseUrl(), t.email, t.password))!;
    const target = `/traces?appId=${t.appId}&model=gpt-4o`;
    const res = await fetch(`${baseUrl()}/login?callbackUrl=${encodeURIComponent(target)}`, { headers: { cookie }, redirect: "manual" });
    expect(res.headers.get("location")).toBe(target);
    const absolute = await fetch(`${baseUrl()}/login?callbackUrl=${encodeURIComponent(`${baseUrl()}/keys`)}`, { headers: { cookie }, redirect: "manual" });
    expect(absolute.headers.get("location")).toBe("/keys");
  });

  it.each(HOSTILE)("next-auth's sign-in and sign-out answer our origin for callbackUrl %s", async (raw) => {
    const t = await makeTenancy("redirna");
    const callbackUrl = decodeURIComponent(raw);
    const login = await credentialsLogin(baseUrl(), t.email, t.password, { callbackUrl });
    expect(login.res.status).toBe(200);
    expectOwnOrigin(((await login.res.json()) as { url: string }).url);
    const out = await signOut(baseUrl(), login.cookie, callbackUrl);
    expectOwnOrigin(((await out.res.json()) as { url: string }).url);
  });
});
