// One way to open the database, for the server, the scripts and the tests alike:
// DATABASE_URL → PostgreSQL through @prisma/adapter-pg; no DATABASE_URL → embedded PGlite under .data/
// through pglite-prisma-adapter. Both run the same Prisma schema and the same migration files.
import path from "node:path";
import { mkdirSync } from "node:fs";
import { PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { Db } from "../core/db";
import { migrate, type SqlConnection } from "./migrate";

export const EMBEDDED_DATA_DIR = path.join(process.cwd(), ".data", "pglite");

/** An open database: the core's port (prisma, query, execute, copyOut) plus what only its owner uses. */
export interface Database extends Db {
  /** A raw connection for the migration runner and set-based SQL (seed, bench). */
  sql: SqlConnection;
  kind: "postgres" | "pglite";
  close(): Promise<void>;
}

/**
 * Settings of every server session (docs/performance.md). Flywheel's queries are short or index-driven:
 * - JIT off: on the ones PostgreSQL costs above its JIT threshold (a count over a week of spans)
 *   compiling took ~0.9 s more than it saved.
 * - No parallel workers: an export already runs its count and its rows side by side, and starting
 *   workers for a ~100k-entry index-only count made it 2–5× slower (45 → 80–260 ms on 2 cores).
 */
export const SESSION_OPTIONS = "-c jit=off -c max_parallel_workers_per_gather=0";

export async function openDatabase(url: string | undefined, dataDir = EMBEDDED_DATA_DIR): Promise<Database> {
  if (url) return openPostgres(url);
  return openPglite(dataDir);
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, options: SESSION_OPTIONS });
  // An idle connection the server closes (restart, failover) must not crash the process; the pool
  // replaces it on the next query.
  pool.on("error", (err) => console.error(JSON.stringify({ level: "warn", msg: "idle database connection lost", error: err.message })));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql: SqlConnection = {
    // Scripts and transactions need one session: BEGIN/COMMIT must reach the same connection.
    exec: (text) => withSession((c) => c.query(text)),
    query: (text, params) => withSession((c) => c.query(text, params)) as never,
  };
  let session: pg.PoolClient | undefined;
  async function withSession<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    session ??= await pool.connect();
    return fn(session);
  }
  async function* copyOut(text: string): AsyncGenerator<Buffer, void, undefined> {
    const client = await pool.connect();
    let finished = false;
    try {
      // The stream pauses the socket while nobody reads, so a slow consumer slows PostgreSQL down.
      for await (const chunk of client.query(copyTo(text))) yield chunk as Buffer;
      finished = true;
    } finally {
      // A COPY stopped halfway leaves the connection mid-protocol: release(true) closes it instead of
      // pooling it, and PostgreSQL ends the COPY when its socket goes.
      client.release(finished ? undefined : true);
    }
  }
  return {
    prisma,
    sql,
    execute: async (text, params) => (await pool.query(text, params)).rowCount ?? 0,
    query: async <T>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as T[],
    copyOut,
    kind: "postgres",
    async close() {
      session?.release();
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  // Loaded lazily so a PostgreSQL deployment never pays for the WASM build.
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  if (dataDir !== "memory://") mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  await client.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  const sql: SqlConnection = {
    exec: (text) => client.exec(text),
    query: (text, params) => client.query(text, params) as never,
  };
  return {
    prisma,
    sql,
    execute: async (text, params) => (await client.query(text, params)).affectedRows ?? 0,
    query: async <T>(text: string, params: unknown[]) => (await client.query<T>(text, params)).rows,
    kind: "pglite",
    async close() {
      await prisma.$disconnect();
      await client.close();
    },
  };
}

/** Opens the database and brings its schema up to date. */
export async function openMigratedDatabase(url: string | undefined, dataDir?: string): Promise<Database> {
  const db = await openDatabase(url, dataDir);
  await migrate(db.sql);
  return db;
}
