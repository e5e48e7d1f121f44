// A database and server of a test's own, for bulk export tests that must choose which processes run
// jobs (the run's shared server runs inline workers on the shared database, and would take the job).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "../../lib/db/client";
import { prepareTestDatabase, startServer, type TestDatabase, type TestServer } from "../harness";
import { createTenancy, type Tenancy } from "../tenancy";

export interface OwnSetup {
  database: TestDatabase;
  db: Database;
  server: TestServer;
  exportDir: string;
  tenancy: Tenancy;
  stop(): Promise<void>;
}

export async function ownSetup(name: string, serverEnv: Record<string, string> = {}): Promise<OwnSetup> {
  const exportDir = await mkdtemp(path.join(tmpdir(), `fw-${name}-`));
  const suffix = (process.env.TEST_DATABASE_URL ? new URL(process.env.TEST_DATABASE_URL).pathname.slice(1) : "") || "flywheel_test";
  const database = await prepareTestDatabase(`${suffix}_${name}`);
  const db = await openDatabase(database.url);
  const server = await startServer(database.url, { FLYWHEEL_EXPORT_DIR: exportDir, ...serverEnv });
  const tenancy = await createTenancy(db, name);
  return {
    database,
    db,
    server,
    exportDir,
    tenancy,
    async stop() {
      await server.stop();
      await db.close();
      await database.stop();
      await rm(exportDir, { recursive: true, force: true });
    },
  };
}

/**
 * `rows` spans in one statement: three per second (ties broken by span id), each with ~500 bytes of
 * input, the newest a minute ago.
 */
export async function seedSpans(db: Database, appId: string, rows: number): Promise<void> {
  await db.execute(
    `INSERT INTO span (app_id, trace_id, span_id, span_name, type, status, timestamp, input, output, tags)
     SELECT $1, 'tr' || (g / 3), 'sp' || lpad(g::text, 7, '0'), 'step ' || g, 'SPAN', 'STATUS_CODE_OK',
       now() - interval '1 minute' - (g / 3) * interval '1 second',
       jsonb_build_object('i', g, 'pad', repeat('x', 500)), to_jsonb('out ' || g), ARRAY['r']
     FROM generate_series(1, $2::int) g`,
    [appId, rows],
  );
}
