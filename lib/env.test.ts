import { describe, expect, it } from "vitest";
import { parseEnv, requireEnv } from "./env";

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

  it("keeps S3 parts at 8 MiB by default and refuses parts under S3's 5 MiB floor, naming the variable", () => {
    expect(parseEnv({}).FLYWHEEL_EXPORT_S3_PART_BYTES).toBe(8 * 1024 * 1024);
    expect(parseEnv({ FLYWHEEL_EXPORT_S3_PART_BYTES: "5242880" }).FLYWHEEL_EXPORT_S3_PART_BYTES).toBe(5 * 1024 * 1024);
    expect(() => parseEnv({ FLYWHEEL_EXPORT_S3_PART_BYTES: "1048576" })).toThrow(/FLYWHEEL_EXPORT_S3_PART_BYTES: must be at least 5242880/);
  });

  it("does not demand NEXTAUTH_SECRET for commands that sign nothing, even with NODE_ENV=production", () => {
    // db:seed's and db:migrate's path: a self-hoster's container sets NODE_ENV=production for every command.
    const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/flywheel" });
    expect(env.NODE_ENV).toBe("production");
    expect(env.NEXTAUTH_SECRET).toBeUndefined();
  });

  it("still rejects a NEXTAUTH_SECRET that is set but too short", () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET: must be at least 16 characters/);
  });
});

describe("requireEnv", () => {
  it("refuses a missing variable, naming it and the command that needs it", () => {
    const env = parseEnv({ NODE_ENV: "production" });
    expect(() => requireEnv(env, "NEXTAUTH_SECRET", "npm start")).toThrow(/NEXTAUTH_SECRET: required by npm start/);
  });

  it("returns the value when it is set", () => {
    const env = parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) });
    expect(requireEnv(env, "NEXTAUTH_SECRET", "npm start")).toHaveLength(32);
  });
});
