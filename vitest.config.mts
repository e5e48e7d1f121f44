import { defineConfig } from "vitest/config";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    include: ["lib/**/*.test.ts", "test/**/*.test.ts", "cli/**/*.test.ts", "prisma/**/*.test.ts", "scripts/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // The default output, then the skipped tests by name (test/skipped-reporter.ts).
    reporters: ["default", "./test/skipped-reporter.ts"],
    // 2 cores: a couple of workers keep the server and the database responsive.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // "server-only" throws outside Next's server bundle; tests import server modules on purpose.
    server: { deps: { inline: [] } },
  },
});
