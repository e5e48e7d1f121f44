// How the export engine reads: one statement in, its rows out. Statements are composed with Prisma.sql
// (values always travel as bind parameters) but run on the driver itself (lib/db/client.ts `query`):
// Prisma's result handling cost ~15–25 ms of the server's CPU per 2,000 export rows, as much as
// PostgreSQL spent building them (docs/performance.md).
import type { Prisma } from "@prisma/client";

export interface SqlReader {
  query<T>(text: string, params: unknown[]): Promise<T[]>;
  /**
   * PostgreSQL only (PGlite has no COPY to a client): runs `COPY (…) TO STDOUT` and yields its output
   * as it arrives, pausing the connection while the consumer is not asking. Stopping early drops the
   * connection, which ends the COPY on the server.
   */
  copyOut?(text: string): AsyncGenerator<Buffer, void, undefined>;
}

export function readRows<T>(db: SqlReader, sql: Prisma.Sql): Promise<T[]> {
  return db.query<T>(sql.text, sql.values);
}
