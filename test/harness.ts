// The real parts every test suite runs against: a PostgreSQL engine of its own (the server named by
// TEST_DATABASE_URL, recreated fresh; else embedded PGlite served over the PostgreSQL wire protocol)
// and the real Next.js server on a free port. Used by vitest's global setup and by Playwright's.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { openMigratedDatabase } from "../lib/db/client";
import { serialiseExtendedProtocol } from "./pglite-socket-serial";

export const ROOT = path.resolve(__dirname, "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Tests drop and recreate their database, so they refuse one that is not on this machine. */
export function assertLocalDatabase(url: string): URL {
  const u = new URL(url);
  if (!["127.0.0.1", "localhost", "::1", "[::1]", ""].includes(u.hostname)) {
    throw new Error(`Refusing to run tests against a non-local database (${u.hostname}). Point TEST_DATABASE_URL at this machine.`);
  }
  return u;
}

export interface TestDatabase {
  url: string;
  kind: "postgres" | "pglite";
  stop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test run. With TEST_DATABASE_URL, the database named there (or
 * `name`) is dropped and created anew on that server; else an in-memory PGlite is served on `pglitePort`.
 */
export async function prepareTestDatabase(name = "flywheel_test", pglitePort?: number): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  let url: string;
  let stop = async () => {};
  let kind: TestDatabase["kind"];
  if (serverUrl) {
    const u = assertLocalDatabase(serverUrl);
    // The URL's own database is used for the unit/integration run, never a system database.
    const fromUrl = u.pathname.replace(/^\//, "");
    const usable = fromUrl && !["postgres", "template0", "template1"].includes(fromUrl);
    const dbName = (name === "flywheel_test" && usable ? fromUrl : name).replace(/[^a-zA-Z0-9_]/g, "_");
    const admin = new URL(u);
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${dbName}"`);
    await client.end();
    u.pathname = `/${dbName}`;
    url = u.toString();
    kind = "postgres";
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
    const db = new PGlite("memory://");
    await db.waitReady;
    const port = pglitePort ?? (await freePort());
    const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 100 });
    serialiseExtendedProtocol(server);
    await server.start();
    url = `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
    kind = "pglite";
    stop = async () => {
      await server.stop();
      await db.close();
    };
  }
  const migrated = await openMigratedDatabase(url);
  await migrated.close();
  return { url, kind, stop };
}

export interface TestServer {
  baseUrl: string;
  port: number;
  /** The server process, e.g. to read its memory from /proc. */
  pid: number;
  stop(): Promise<void>;
  output(): string;
}

export const TEST_SECRET = "flywheel-test-secret-0123456789abcdef";

/**
 * Starts the real server: `next start` on the production build (npm test builds first), or
 * `next dev` when FLYWHEEL_TEST_SERVER=dev (handy while iterating; NEXT_DIST_DIR keeps its files apart).
 */
export async function startServer(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
  fixedPort?: number,
): Promise<TestServer> {
  const port = fixedPort ?? (await freePort());
  const mode = process.env.FLYWHEEL_TEST_SERVER === "dev" ? "dev" : "start";
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  let out = "";
  const child: ChildProcess = spawn(process.execPath, [nextBin, mode, "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: mode === "dev" ? "development" : "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: TEST_SECRET,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      FLYWHEEL_EXPORT_RATE_LIMIT: "100000",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not become healthy in 120 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    port,
    pid: child.pid!,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
