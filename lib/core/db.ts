// The one database port of the core. Every core function that touches the database takes a `Db`;
// lib/db/client.ts's `Database` is one (on PostgreSQL or embedded PGlite), and so is anything a test
// builds from it. Core never opens a connection itself: whoever calls it chooses the database.
import type { Prisma, PrismaClient } from "@prisma/client";

export interface Db {
  /** Prisma, for row-shaped reads and writes of the small tables (tenants, users, keys, scores). */
  prisma: PrismaClient;
  /**
   * One read on any free pooled connection, bypassing Prisma's result handling: the export's hot
   * path, where Prisma cost ~15–25 ms of the server's CPU per 2,000 rows (docs/performance.md).
   */
  query<T>(text: string, params: unknown[]): Promise<T[]>;
  /**
   * One statement on any free pooled connection; resolves with the rows it changed. For writes with
   * large parameters: Prisma copies every parameter through WASM, ~40 ms for the 600 KB JSON of a
   * 512-span ingest batch (docs/performance.md).
   */
  execute(text: string, params: unknown[]): Promise<number>;
  /**
   * PostgreSQL only (PGlite has no COPY to a client): runs `COPY (…) TO STDOUT` and yields its output
   * as it arrives, pausing the connection while the consumer is not asking. Stopping early drops the
   * connection, which ends the COPY on the server.
   */
  copyOut?(text: string): AsyncGenerator<Buffer, void, undefined>;
}

/** Runs a statement composed with Prisma.sql (its values travel as bind parameters) on the driver. */
export function readRows<T>(db: Pick<Db, "query">, sql: Prisma.Sql): Promise<T[]> {
  return db.query<T>(sql.text, sql.values);
}
