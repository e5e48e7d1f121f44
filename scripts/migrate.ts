// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (or the embedded database).
import { openDatabase } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { parseEnv } from "../lib/env";

async function main() {
  const env = parseEnv(process.env);
  const db = await openDatabase(env.DATABASE_URL);
  try {
    const applied = await migrate(db.sql);
    console.log(JSON.stringify({ database: db.kind, applied }));
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(`db:migrate failed: ${(err as Error).message}`);
  process.exit(1);
});
