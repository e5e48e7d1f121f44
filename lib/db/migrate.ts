// The one migration runner, shared by PostgreSQL (pg) and embedded PGlite.
// `prisma migrate deploy` needs Prisma's native schema engine, which this project cannot download,
// so migrations are the committed SQL files in prisma/migrations/<name>/migration.sql, applied in
// name order, each in its own transaction, and recorded in `_flywheel_migrations`.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";

/** The little a runner needs from a connection: run a script, run a query with parameters. */
export interface SqlConnection {
  exec(sql: string): Promise<unknown>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// The migrations are read from the project folder at run time, never bundled, hence turbopackIgnore
// (otherwise Next traces the whole project into the server output).
export function listMigrations(dir = MIGRATIONS_DIR): { name: string; sql: string }[] {
  return readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(/*turbopackIgnore: true*/ path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8") }));
}

/** Applies the migrations not yet recorded; returns the names it applied. Safe to run concurrently. */
export async function migrate(conn: SqlConnection, dir = MIGRATIONS_DIR): Promise<string[]> {
  // A session-level lock serialises runners started side by side (two servers booting at once),
  // including the CREATE TABLE below, which is not safe to race even with IF NOT EXISTS.
  await conn.exec("SELECT pg_advisory_lock(7231995)");
  try {
    await conn.exec(`CREATE TABLE IF NOT EXISTS "_flywheel_migrations" (
      name text PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await conn.query<{ name: string }>(`SELECT name FROM "_flywheel_migrations"`);
    const seen = new Set(done.rows.map((r) => r.name));
    const applied: string[] = [];
    for (const m of listMigrations(dir).filter((m) => !seen.has(m.name))) {
      await conn.exec("BEGIN");
      try {
        await conn.exec(m.sql);
        await conn.query(`INSERT INTO "_flywheel_migrations" (name) VALUES ($1)`, [m.name]);
        await conn.exec("COMMIT");
      } catch (err) {
        await conn.exec("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await conn.exec("SELECT pg_advisory_unlock(7231995)");
  }
}
