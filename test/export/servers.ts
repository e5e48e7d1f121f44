// Extra real servers for tests that need their own settings or their own log: same database as the
// run, their own port. Under FLYWHEEL_TEST_SERVER=dev each gets its own dist dir, since two `next dev`
// processes cannot share one.
import { inject } from "vitest";
import { startServer, type TestServer } from "../harness";

export async function extraServer(name: string, env: Record<string, string> = {}): Promise<TestServer> {
  const dist: Record<string, string> =
    process.env.FLYWHEEL_TEST_SERVER === "dev" ? { NEXT_DIST_DIR: `${process.env.NEXT_DIST_DIR ?? ".next"}-${name}` } : {};
  // No export workers: a job another test creates on the shared database must not be claimed by a
  // server that the test stops (or cuts off) while the job runs.
  return startServer(inject("databaseUrl"), { FLYWHEEL_WORKER: "off", ...dist, ...env });
}
