// How the export engine reads: one statement in, its rows out. Statements are composed with Prisma.sql
// (values always travel as bind parameters) but run on the driver itself (lib/db/client.ts `query`):
// Prisma's result handling cost ~15–25 ms of the server's CPU per 2,000 export rows, as much as
// PostgreSQL spent building them (docs/performance.md).
import type { Prisma } from "@prisma/client";

export interface SqlReader {
  query<T>(text: string, params: unknown[]): Promise<T[]>;
}

export function readRows<T>(db: SqlReader, sql: Prisma.Sql): Promise<T[]> {
  return db.query<T>(sql.text, sql.values);
}
