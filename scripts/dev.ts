// `npm run dev`: the product on the embedded database (or DATABASE_URL) with demo data, from nothing.
// Applies migrations, seeds an empty database, makes up a NEXTAUTH_SECRET (kept under .data/ so
// sessions survive restarts), then runs `next dev` on PORT.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openMigratedDatabase } from "../lib/db/client";
import { parseEnv } from "../lib/env";
import { seedDemo } from "../lib/demo/seed";

function devSecret(): string {
  const file = path.join(process.cwd(), ".data", "dev-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main() {
  const env = parseEnv(process.env);
  const secret = env.NEXTAUTH_SECRET ?? devSecret();
  const db = await openMigratedDatabase(env.DATABASE_URL);
  try {
    if ((await db.prisma.tenant.count()) === 0) {
      console.log("Empty database: seeding demo data…");
      const result = await seedDemo(db, { apiKey: env.FLYWHEEL_DEMO_API_KEY, now: new Date() });
      console.log(JSON.stringify(result, null, 2));
    }
  } finally {
    await db.close();
  }
  const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  console.log(`\nFlywheel: ${url}  (sign in as demo@flywheel.local / flywheel-demo)\n`);
  const next = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [next, "dev", "--port", String(env.PORT)], {
    stdio: "inherit",
    env: { ...process.env, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: url, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  console.error(`dev failed: ${(err as Error).message}`);
  process.exit(1);
});
