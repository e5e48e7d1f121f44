// `npm run db:retention`: deletes the scores past FLYWHEEL_SCORE_RETENTION_DAYS once and prints
// {"deleted":N} on stdout. The server runs the same job hourly (instrumentation-node.ts); this is for cron
// and for operators who want it now.
import { deleteExpiredScores } from "../lib/core/retention";
import { openMigratedDatabase } from "../lib/db/client";
import { env } from "../lib/env";

async function main() {
  const config = env();
  const db = await openMigratedDatabase(config.DATABASE_URL);
  try {
    const result = await deleteExpiredScores(db, config.FLYWHEEL_SCORE_RETENTION_DAYS);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  process.stderr.write(`retention failed: ${(err as Error).message}\n`);
  process.exit(1);
});
