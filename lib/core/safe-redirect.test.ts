import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./safe-redirect";

const OWN = "http://127.0.0.1:3000";

describe("sameOriginPath", () => {
  // Each of these is how a callbackUrl arrives after the query string is decoded.
  it.each([
    ["/\\evil.example/steal"],
    ["/\t/evil.example/x"],
    ["/\n/evil.example/x"],
    ["/\\/evil.example"],
    ["//evil.example"],
    ["///evil.example"],
    ["\\\\evil.example"],
    ["https://evil.example"],
    ["https://evil.example/traces"],
    ["http://127.0.0.1:3001/traces"],
    ["https://127.0.0.1:3000/traces"],
    [`${OWN}//evil.example`],
    ["javascript:alert(1)"],
    ["data:text/html,<script>alert(1)</script>"],
    [" //evil.example"],
  ])("refuses %j", (target) => {
    expect(sameOriginPath(target, OWN)).toBe("/traces");
  });

  it.each([
    ["/traces", "/traces"],
    ["/traces?appId=app_x&model=gpt-4o#row", "/traces?appId=app_x&model=gpt-4o#row"],
    ["/keys", "/keys"],
    [`${OWN}/keys?x=1`, "/keys?x=1"],
    ["/%5Cevil.example/steal", "/%5Cevil.example/steal"],
    ["/a/../keys", "/keys"],
    ["traces", "/traces"],
    // Same scheme without slashes is a relative path in every browser: harmless, and kept as one.
    ["http:evil.example", "/evil.example"],
  ])("keeps %j as %j", (target, path) => {
    expect(sameOriginPath(target, OWN)).toBe(path);
  });

  it("falls back for nothing at all, and for an origin it cannot read", () => {
    expect(sameOriginPath(undefined, OWN)).toBe("/traces");
    expect(sameOriginPath("", OWN)).toBe("/traces");
    expect(sameOriginPath("/keys", "not a url")).toBe("/traces");
    expect(sameOriginPath("//evil.example", OWN, "/")).toBe("/");
  });
});
