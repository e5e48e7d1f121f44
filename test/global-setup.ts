// vitest global setup: one database and one real server for the whole run, handed to tests via inject().
import type { TestProject } from "vitest/node";
import { prepareTestDatabase, startServer } from "./harness";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const db = await prepareTestDatabase();
  // FLYWHEEL_TEST_SERVER=none skips the server, for quick runs of database-only tests while iterating.
  const server = process.env.FLYWHEEL_TEST_SERVER === "none" ? undefined : await startServer(db.url);
  project.provide("databaseUrl", db.url);
  project.provide("baseUrl", server?.baseUrl ?? "http://127.0.0.1:9/no-server-in-this-run");
  console.log(`[test] database: ${db.kind}; server: ${server?.baseUrl ?? "none"}`);
  return async () => {
    await server?.stop();
    await db.stop();
  };
}
