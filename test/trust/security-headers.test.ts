// Security headers (SPEC §8 "Pages", docs/security.md "Headers") on the real server: every page sends
// X-Frame-Options, a CSP with frame-ancestors 'none' and a per-response script nonce that Next puts on
// each of its scripts, nosniff and a Referrer-Policy; API answers send nosniff and a CSP that loads nothing.
import { describe, expect, it } from "vitest";
import { baseUrl, makeTenancy } from "../fixtures";
import { signIn } from "../session";

/** The CSP's directives by name. */
function directives(csp: string | null): Map<string, string[]> {
  expect(csp).toBeTruthy();
  return new Map(
    csp!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name, values]),
  );
}

function expectPageHeaders(res: Response): string {
  expect(res.headers.get("x-frame-options")).toBe("DENY");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  const csp = directives(res.headers.get("content-security-policy"));
  expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  expect(csp.get("default-src")).toEqual(["'self'"]);
  expect(csp.get("object-src")).toEqual(["'none'"]);
  expect(csp.get("base-uri")).toEqual(["'self'"]);
  expect(csp.get("form-action")).toEqual(["'self'"]);
  expect(csp.get("connect-src")).toEqual(["'self'"]);
  expect(csp.get("font-src")).toEqual(["'self'"]);
  const scripts = csp.get("script-src")!;
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  const nonce = scripts.find((s) => s.startsWith("'nonce-"));
  expect(nonce).toBeDefined();
  return nonce!.slice("'nonce-".length, -1);
}

/** Every script of the page carries the response's nonce; nothing else would run. */
function expectNoncedScripts(html: string, nonce: string) {
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
}

describe("security headers", () => {
  it("on the login page, with a fresh nonce on every response", async () => {
    const a = await fetch(`${baseUrl()}/login`);
    const b = await fetch(`${baseUrl()}/login`);
    const [na, nb] = [expectPageHeaders(a), expectPageHeaders(b)];
    expect(na).not.toBe(nb);
    expectNoncedScripts(await a.text(), na);
    await b.body?.cancel();
  });

  it("on the Traces and API keys pages, signed in, and on the redirect to the login page", async () => {
    const t = await makeTenancy("hdr");
    const cookie = (await signIn(baseUrl(), t.email, t.password))!;
    for (const path of [`/traces?appId=${t.appId}`, "/keys"]) {
      const res = await fetch(`${baseUrl()}${path}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expectNoncedScripts(await res.text(), expectPageHeaders(res));
    }
    const anonymous = await fetch(`${baseUrl()}/keys`, { redirect: "manual" });
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get("x-frame-options")).toBe("DENY");
  });

  it("on API answers: nosniff, no framing, a policy that loads nothing", async () => {
    const t = await makeTenancy("hdrapi");
    for (const res of [
      await fetch(`${baseUrl()}/api/health`),
      await fetch(`${baseUrl()}/v1/traces/export?limit=1`, { headers: { authorization: `Bearer ${t.apiKey}`, "x-app-id": t.appId } }),
      await fetch(`${baseUrl()}/api/keys?tenantId=${t.tenantId}`),
    ]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(directives(res.headers.get("content-security-policy")).get("default-src")).toEqual(["'none'"]);
      await res.body?.cancel();
    }
  });
});
