import "server-only";
import { openMigratedDatabase, type Database } from "@/lib/db/client";
import { env } from "@/lib/env";

// One database per server process. Kept on globalThis because Next may evaluate this module once
// per route bundle, and the embedded PGlite must be opened only once.
const holder = globalThis as unknown as { __flywheelDb?: Promise<Database> };

export function database(): Promise<Database> {
  if (!holder.__flywheelDb) {
    const opening = openMigratedDatabase(env().DATABASE_URL);
    holder.__flywheelDb = opening;
    // A server started while its database is away must not stay broken: forget the failure, so the
    // next request tries again (and is answered 503 meanwhile).
    opening.catch(() => {
      if (holder.__flywheelDb === opening) holder.__flywheelDb = undefined;
    });
  }
  return holder.__flywheelDb;
}
