import "server-only";
import { openMigratedDatabase, type Database } from "@/lib/db/client";
import { env } from "@/lib/env";

// One database per server process. Kept on globalThis because Next may evaluate this module once
// per route bundle, and the embedded PGlite must be opened only once.
const holder = globalThis as unknown as { __flywheelDb?: Promise<Database> };

export function database(): Promise<Database> {
  holder.__flywheelDb ??= openMigratedDatabase(env().DATABASE_URL);
  return holder.__flywheelDb;
}
