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
  /** One session for the migration runner and set-based SQL (seed, bench), held until released. */
  sql: SqlConnection;
  /** Gives `sql`'s session back to the pool (the next use of `sql` takes a new one). */
  releaseSession(): Promise<void>;
  kind: "postgres" | "pglite";
  /**
   * The job queue's (pg-boss's) way into the database, so one library runs on both backends: a
   * statement with parameters, or a script of several without (its schema migrations). On the pool
   * for PostgreSQL; on the one in-process client for PGlite.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

/**
 * Settings of every server session (docs/performance.md, docs/security.md). Flywheel's queries are
 * short or index-driven:
 * - JIT off: on the ones PostgreSQL costs above its JIT threshold (a count over a week of spans)
 *   compiling took ~0.9 s more than it saved.
 * - No parallel workers: an export already runs its count and its rows side by side, and starting
 *   workers for a ~100k-entry index-only count made it 2–5× slower (45 → 80–260 ms on 2 cores).
 * - Bounds: no statement runs longer than STATEMENT_TIMEOUT_MS and no session sits idle inside a
 *   transaction for longer, so nothing a request starts can wait for ever. Scripts and migrations,
 *   which may legitimately run long, lift them on their own session (`sql`).
 */
export const STATEMENT_TIMEOUT_MS = 60_000;
export const SESSION_OPTIONS =
  `-c jit=off -c max_parallel_workers_per_gather=0 -c statement_timeout=${STATEMENT_TIMEOUT_MS} ` +
  `-c idle_in_transaction_session_timeout=${STATEMENT_TIMEOUT_MS}`;

/** How long a request waits for a connection before the database counts as unavailable. */
const CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long a COPY may send nothing before its connection counts as lost. A connection whose peer
 * vanished without closing it (a cut network, a frozen failover) never errors by itself; a page's
 * COPY sends its first rows within milliseconds and statement_timeout ends a stuck one server-side.
 */
export const COPY_IDLE_TIMEOUT_MS = 15_000;

export async function openDatabase(url: string | undefined, dataDir = EMBEDDED_DATA_DIR): Promise<Database> {
  if (url) return openPostgres(url);
  return openPglite(dataDir);
}

/**
 * `COPY … TO STDOUT` on a pooled connection, its output as it arrives. The stream pauses the socket
 * while nobody reads, so a slow consumer slows PostgreSQL down. A connection that dies mid-COPY
 * (a restart, a terminated backend, a cut network) fails the read at once instead of leaving it
 * waiting for bytes that will never come.
 */
async function* copyOutOn(pool: pg.Pool, text: string): AsyncGenerator<Buffer, void, undefined> {
  const client = await pool.connect();
  const stream = client.query(copyTo(text));
  const lost = (err?: Error) => stream.destroy(err ?? new Error("Connection terminated during COPY"));
  // pg-copy-streams does not end its stream when the socket goes; the client's own events say so.
  const onEnd = () => lost();
  client.on("error", lost);
  client.on("end", onEnd);
  let finished = false;
  let idle: NodeJS.Timeout | undefined;
  const chunks = stream[Symbol.asyncIterator]();
  try {
    for (;;) {
      idle = setTimeout(() => lost(new Error(`Connection lost: no data from the database for ${COPY_IDLE_TIMEOUT_MS / 1000} s during COPY`)), COPY_IDLE_TIMEOUT_MS);
      const next = await chunks.next();
      clearTimeout(idle);
      if (next.done) break;
      yield next.value as Buffer;
    }
    finished = true;
  } finally {
    clearTimeout(idle);
    client.off("error", lost);
    client.off("end", onEnd);
    // A COPY stopped halfway leaves the connection mid-protocol: release(true) closes it instead of
    // pooling it, and PostgreSQL ends the COPY when its socket goes.
    client.release(finished ? undefined : true);
  }
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: SESSION_OPTIONS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // Client-side bound too: a query on a connection whose peer vanished would otherwise wait for ever.
    query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
    // TCP keepalive: a peer that vanished without closing (failover, cut network) is noticed.
    keepAlive: true,
  });
  // An idle connection the server closes (restart, failover) must not crash the process; the pool
  // replaces it on the next query.
  pool.on("error", (err) => console.error(JSON.stringify({ level: "warn", msg: "idle database connection lost", error: err.message })));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });

  // Scripts, migrations and their transactions need one session (BEGIN/COMMIT must reach the same
  // connection): `sql` keeps one, checked out on first use. The server gives it back once its
  // migrations are applied (releaseSession), so a request never depends on a long-held connection,
  // and a session that breaks is dropped, so the next use gets a fresh one.
  let session: Promise<pg.PoolClient> | undefined;
  async function checkOut(): Promise<pg.PoolClient> {
    const client = await pool.connect();
    client.on("error", onSessionError);
    // Long-running work is this session's purpose: the request bounds do not apply to it.
    await client.query("SET statement_timeout = 0; SET idle_in_transaction_session_timeout = 0");
    return client;
  }
  function onSessionError(this: pg.PoolClient) {
    session = undefined;
    this.off("error", onSessionError);
    this.release(true);
  }
  async function withSession<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    session ??= checkOut();
    const pending = session;
    const client = await pending.catch((err) => {
      if (session === pending) session = undefined;
      throw err;
    });
    return fn(client);
  }
  async function releaseSession() {
    const pending = session;
    session = undefined;
    const client = await pending?.catch(() => undefined);
    if (!client) return;
    // From here the pool owns the client again, and its error handling with it.
    client.off("error", onSessionError);
    try {
      await client.query("RESET statement_timeout; RESET idle_in_transaction_session_timeout");
      client.release();
    } catch {
      client.release(true);
    }
  }
  const sql: SqlConnection = {
    exec: (text) => withSession((c) => c.query(text)),
    query: (text, params) => withSession((c) => c.query(text, params)) as never,
  };
  return {
    prisma,
    sql,
    execute: async (text, params) => (await pool.query(text, params)).rowCount ?? 0,
    query: async <T>(text: string, params: unknown[]) => (await pool.query(text, params)).rows as T[],
    copyOut: (text) => copyOutOn(pool, text),
    kind: "postgres",
    executeSql: (text, values) => pool.query(text, values as unknown[]),
    releaseSession,
    async close() {
      await releaseSession();
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
    async executeSql(text, values) {
      if (values?.length) return client.query(text, values);
      // A script without parameters may hold several statements, which only exec runs; its last result answers.
      const results = await client.exec(text);
      return { rows: results[results.length - 1]?.rows ?? [] };
    },
    // In-process: there is no connection to give back.
    releaseSession: async () => {},
    async close() {
      await prisma.$disconnect();
      await client.close();
    },
  };
}

/** Opens the database and brings its schema up to date. */
export async function openMigratedDatabase(url: string | undefined, dataDir?: string): Promise<Database> {
  const db = await openDatabase(url, dataDir);
  try {
    await migrate(db.sql);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  await db.releaseSession();
  return db;
}
