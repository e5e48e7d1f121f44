// Migrations apply on both backends: embedded PGlite (in-process, through pglite-prisma-adapter) and the
// run's PostgreSQL engine (through @prisma/adapter-pg); re-running is a no-op.
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import pg from "pg";
import { openDatabase, openMigratedDatabase } from "../../lib/db/client";
import { listMigrations, migrate } from "../../lib/db/migrate";

const TABLES = ["tenant", "user", "membership", "app", "api_key", "span", "score", "export_request"];

async function tables(db: { sql: { query: (s: string) => Promise<{ rows: unknown[] }> } }) {
  const r = await db.sql.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
  return (r.rows as { table_name: string }[]).map((t) => t.table_name);
}

describe("migrations", () => {
  it("apply on embedded PGlite, and Prisma works through the PGlite adapter", async () => {
    const db = await openMigratedDatabase(undefined, "memory://");
    try {
      expect(db.kind).toBe("pglite");
      expect(await tables(db)).toEqual(expect.arrayContaining([...TABLES, "_flywheel_migrations"]));
      expect(await migrate(db.sql)).toEqual([]);
      const t = await db.prisma.tenant.create({ data: { slug: "pglite", name: "PGlite" } });
      expect(await db.prisma.tenant.findUnique({ where: { id: t.id } })).toMatchObject({ slug: "pglite" });
    } finally {
      await db.close();
    }
  });

  it("are recorded on the run's PostgreSQL engine and a second run applies nothing", async () => {
    const db = await openDatabase(inject("databaseUrl"));
    try {
      expect(db.kind).toBe("postgres");
      expect(await tables(db)).toEqual(expect.arrayContaining(TABLES));
      const recorded = await db.sql.query<{ name: string }>(`SELECT name FROM "_flywheel_migrations" ORDER BY name`);
      expect(recorded.rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
      expect(await migrate(db.sql)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("apply from scratch on a PostgreSQL server, twice in parallel (needs PostgreSQL: set TEST_DATABASE_URL)", async () => {
    const server = new URL(process.env.TEST_DATABASE_URL!);
    server.pathname = "/postgres";
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    const name = `flywheel_migrate_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    try {
      const [a, b] = await Promise.all([openDatabase(url.toString()), openDatabase(url.toString())]);
      const applied = await Promise.all([migrate(a.sql), migrate(b.sql)]);
      // The advisory lock lets exactly one runner apply each migration.
      expect([...applied[0], ...applied[1]].sort()).toEqual(listMigrations().map((m) => m.name));
      expect(await tables(a)).toEqual(expect.arrayContaining(TABLES));
      await Promise.all([a.close(), b.close()]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
