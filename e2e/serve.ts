// Playwright's webServer: a fresh database and the real production server, until Playwright stops us.
import { openDatabase } from "../lib/db/client";
import { seedDemo } from "../lib/demo/seed";
import { prepareTestDatabase, startServer } from "../test/harness";
import { E2E_DB_NAME, E2E_DB_PORT, E2E_DEMO_API_KEY, E2E_PORT, E2E_RATE_LIMIT } from "./env";

async function main() {
  const db = await prepareTestDatabase(E2E_DB_NAME, E2E_DB_PORT);
  // The demo data `npm run dev` starts with, so the suite also sees what a new user sees.
  const seeded = await openDatabase(db.url);
  await seedDemo(seeded, { apiKey: E2E_DEMO_API_KEY, now: new Date() });
  await seeded.close();
  const server = await startServer(db.url, { FLYWHEEL_EXPORT_RATE_LIMIT: String(E2E_RATE_LIMIT) }, E2E_PORT);
  console.log(`[e2e] database: ${db.kind}; server: ${server.baseUrl}`);
  const stop = async () => {
    await server.stop();
    await db.stop();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
