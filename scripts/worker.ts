// `npm run worker`: a process that only runs bulk export jobs (docs/bulk-exports.md), for servers
// started with FLYWHEEL_WORKER=off or to add capacity. Any number may run against one PostgreSQL
// database; each runs at most FLYWHEEL_EXPORT_JOB_CONCURRENCY jobs. SIGTERM/SIGINT stop it gracefully;
// a worker killed outright leaves its job to be resumed by the next worker (from its last checkpoint).
import { openMigratedDatabase } from "../lib/db/client";
import { env } from "../lib/env";
import { openExportQueue, startExportWorkers } from "../lib/jobs/export-worker";

async function main() {
  const config = env();
  const db = await openMigratedDatabase(config.DATABASE_URL);
  const queue = await openExportQueue(db, { supervise: true });
  const workers = await startExportWorkers(db, queue, config);
  const stop = async () => {
    await workers.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((err) => {
  process.stderr.write(`worker failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
