// `npm run db:backfill-line-parts`: writes the stored jsonl line parts of the spans written before
// migration 20261208010000_span_line_parts (docs/data-model.md "Stored line parts"), in batches, and
// prints {"written":N} on stdout. Optional: such spans export correctly without them, only as slowly as
// before. Safe to run beside the server; run it once after upgrading, when the database is quiet.
import { backfillLineParts } from "../lib/core/export/line-parts";
import { openMigratedDatabase } from "../lib/db/client";
import { env } from "../lib/env";

async function main() {
  const db = await openMigratedDatabase(env().DATABASE_URL);
  try {
    const written = await backfillLineParts(db, { onBatch: (n) => process.stderr.write(`${n} spans written\n`) });
    process.stdout.write(`${JSON.stringify({ written })}\n`);
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  process.stderr.write(`backfill failed: ${(err as Error).message}\n`);
  process.exit(1);
});
