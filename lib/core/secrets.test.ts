import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, hashPassword, keyPrefix, verifyPassword } from "./secrets";

describe("secrets", () => {
  it("hashes passwords with a salt and verifies only the right one", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).not.toContain("correct horse");
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("correct horsf", a)).toBe(false);
    expect(await verifyPassword("x", "not-a-hash")).toBe(false);
  });

  it("makes unguessable API keys whose hash and prefix do not reveal them", () => {
    const key = generateApiKey();
    expect(key).toMatch(/^fw_[A-Za-z0-9_-]{43}$/);
    expect(generateApiKey()).not.toBe(key);
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).not.toContain(key.slice(3));
    expect(key.startsWith(keyPrefix(key))).toBe(true);
    expect(keyPrefix(key).length).toBeLessThan(12);
  });
});
