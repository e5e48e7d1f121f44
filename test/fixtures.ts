// Per-test fixtures: each test makes its own tenant, app, user and key under unique names, so tests
// never depend on each other's data and can run in any order, in parallel.
import { inject } from "vitest";
import { openDatabase, type Database } from "../lib/db/client";
import { createTenancy, type Tenancy } from "./tenancy";

export type { Tenancy };
export const baseUrl = () => inject("baseUrl");

let shared: Promise<Database> | undefined;
/** The test run's database (the same one the server uses). */
export function testDb(): Promise<Database> {
  shared ??= openDatabase(inject("databaseUrl"));
  return shared;
}

export async function makeTenancy(label = "t"): Promise<Tenancy> {
  return createTenancy(await testDb(), label);
}
