// `npm start` without NEXTAUTH_SECRET stops before it touches the database, naming the variable.
// The script runs as a child process, as `npm start` runs it; DATABASE_URL points at a closed port so
// that a start which wrongly got past the check fails fast instead of serving.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");

function runStart(extra: Record<string, string>) {
  const { NEXTAUTH_SECRET: _inheritedSecret, ...inherited } = process.env;
  const env = { ...inherited, DATABASE_URL: "postgresql://127.0.0.1:9/flywheel_start_test", ...extra } as NodeJS.ProcessEnv;
  return spawnSync(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("npm start", () => {
  it("refuses to start without NEXTAUTH_SECRET, naming it, even when NODE_ENV is not production", () => {
    const r = runStart({ NODE_ENV: "development" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/NEXTAUTH_SECRET: required by npm start/);
    expect(r.stderr).not.toMatch(/start failed/);
  });

  it("gets past the check with NEXTAUTH_SECRET set (and then fails on the closed database port)", () => {
    const r = runStart({ NEXTAUTH_SECRET: "x".repeat(32) });
    expect(r.status).toBe(1);
    expect(r.stderr).not.toMatch(/NEXTAUTH_SECRET/);
    expect(r.stderr).toMatch(/start failed/);
  });
});
