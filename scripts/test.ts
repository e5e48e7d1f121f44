// `npm test`: lints first (ESLint and the import boundaries, seconds: a broken boundary fails before the
// build), then builds the production server once, runs every vitest suite (unit and integration,
// against a real PostgreSQL engine and the real server), then the browser suite in Debian's Chromium
// when it is installed — and says so plainly when it is not. Exits non-zero when anything fails.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function run(label: string, cmd: string, args: string[]): boolean {
  console.log(`\n=== ${label}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  const ok = r.status === 0;
  console.log(`=== ${label}: ${ok ? "passed" : `FAILED (exit ${r.status ?? r.signal})`}`);
  return ok;
}

const database = process.env.TEST_DATABASE_URL ? `PostgreSQL at TEST_DATABASE_URL` : "embedded PGlite (set TEST_DATABASE_URL to use a PostgreSQL server)";
console.log(`Tests run against: ${database}`);

const results: Record<string, boolean> = {};
results.lint = run("lint", "npm", ["run", "lint"]);
if (results.lint) results.build = run("build", "npx", ["next", "build"]);
else console.log("\n=== build and test suites SKIPPED: lint failed (npm run lint).");
if (results.build) {
  results.vitest = run("unit + integration", "npx", ["vitest", "run"]);
  if (existsSync(chromium)) {
    results.e2e = run("browser (Playwright, Chromium)", "npx", ["playwright", "test"]);
  } else {
    console.log(`\n=== browser suite SKIPPED: Chromium not found at ${chromium}.`);
    console.log("    Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH to run the Playwright tests.");
  }
}

const failed = Object.entries(results).filter(([, ok]) => !ok).map(([k]) => k);
const passed = Object.values(results).filter(Boolean).length;
if (failed.length) console.log(`\nfailed suites: ${failed.join(", ")}`);
console.log(`\nsuites: ${passed} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
