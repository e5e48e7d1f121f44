// Opens the server's database for the admin commands: DATABASE_URL → PostgreSQL, else the embedded
// PGlite under .data/ — the same rule as the server (lib/db/client.ts). Paths are anchored at the
// project root rather than the current directory, so `npx flywheel admin …` run from a subfolder
// still finds the server's .data/ and the migration files.
import path from "node:path";
import type { Database } from "../../lib/db/client";
import { CliError } from "./cli-error";
import { databaseUrl } from "./env";

const PROJECT_ROOT = path.resolve(__dirname, "..", "..");

export async function openAdminDatabase(): Promise<Database> {
  const url = databaseUrl();
  // Loaded lazily: only the admin commands pay for Prisma and the database drivers.
  const { openDatabase } = await import("../../lib/db/client");
  const { migrate } = await import("../../lib/db/migrate");
  const db = await openDatabase(url, path.join(PROJECT_ROOT, ".data", "pglite"));
  try {
    // What openMigratedDatabase does, with the migrations folder named explicitly (it defaults to cwd).
    await migrate(db.sql, path.join(PROJECT_ROOT, "prisma", "migrations"));
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return db;
}

/** Runs fn with an open database and always closes it, so the process can exit cleanly. */
export async function withAdminDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openAdminDatabase().catch((err: Error) => {
    if (err instanceof CliError) throw err;
    throw new Error(`Cannot open the database: ${err.message}`);
  });
  try {
    return await fn(db);
  } finally {
    await db.close().catch(() => {});
  }
}
