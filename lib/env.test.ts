import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

describe("parseEnv", () => {
  it("applies defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, FLYWHEEL_EXPORT_RATE_LIMIT: 10, FLYWHEEL_SCORE_RETENTION_DAYS: 90 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names each bad variable", () => {
    expect(() => parseEnv({ PORT: "http", DATABASE_URL: "mysql://x", FLYWHEEL_EXPORT_RATE_LIMIT: "0" })).toThrow(
      /PORT[\s\S]*DATABASE_URL: must be a postgres[\s\S]*FLYWHEEL_EXPORT_RATE_LIMIT/,
    );
  });

  it("requires NEXTAUTH_SECRET in production only", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET/);
    expect(parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) }).NEXTAUTH_SECRET).toHaveLength(32);
  });
});
