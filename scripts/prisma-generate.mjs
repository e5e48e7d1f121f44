// Runs `prisma generate` offline. The Prisma CLI insists on locating its native schema engine even for
// `generate`, which only needs its bundled WASM; that engine would be downloaded from outside the npm
// registry, which this project cannot reach. Pointing PRISMA_SCHEMA_ENGINE_BINARY at a stub skips the
// download. The client itself runs on the WASM query compiler (engineType = "client") + driver adapters.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const r = spawnSync(process.execPath, [cli, "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    // The datasource block names DATABASE_URL; generate never connects, so any URL will do.
    DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://generate@localhost/unused",
  },
});
process.exit(r.status ?? 1);
