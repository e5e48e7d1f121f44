// `npm start`: validates the environment (a missing or bad variable stops here, named; the server
// signs sessions and tokens, so NEXTAUTH_SECRET must be set), applies migrations, then runs the
// production server (`npm run build` first) on PORT.
import { spawn } from "node:child_process";
import path from "node:path";
import { openMigratedDatabase } from "../lib/db/client";
import { parseEnv, requireEnv } from "../lib/env";

async function main() {
  (process.env as Record<string, string>).NODE_ENV = "production";
  let env;
  try {
    env = parseEnv(process.env);
    requireEnv(env, "NEXTAUTH_SECRET", "npm start (it signs dashboard sessions and API tokens)");
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const db = await openMigratedDatabase(env.DATABASE_URL);
  await db.close();
  const next = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [next, "start", "--port", String(env.PORT)], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 1));
}

main().catch((err) => {
  console.error(`start failed: ${(err as Error).message}`);
  process.exit(1);
});
