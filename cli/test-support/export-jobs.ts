// Helpers for the bulk export tests: a CLI process to watch while it waits on a job, and a way to
// keep a tenant's new jobs queued (the server runs one job per tenant at a time), so cancel, Ctrl-C
// and a failure can be tested on a job that has certainly not finished yet.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { holdTenantBusy as holdTenant } from "../../test/exports/hold-tenant";
import { testDb } from "../../test/fixtures";
import { BIN, cleanEnv } from "./run-cli";

export interface WatchedCli {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  stdout(): string;
  /** Resolves with the first match of `re` on stderr. */
  waitForStderr(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

export function spawnCli(args: string[], opts: { cwd: string }): WatchedCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: cleanEnv({}), stdio: ["pipe", "pipe", "pipe"] });
  let err = "";
  let out = "";
  const waiters: { re: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString("utf8");
    for (const w of waiters.splice(0)) {
      const m = w.re.exec(err);
      if (m) w.resolve(m);
      else waiters.push(w);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code, signal) => resolve(code ?? (signal ? 128 : null))));
  return {
    child,
    stderr: () => err,
    stdout: () => out,
    exited,
    waitForStderr: (re, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const m = re.exec(err);
        if (m) return resolve(m);
        const timer = setTimeout(() => reject(new Error(`stderr never matched ${re}: ${err}`)), timeoutMs);
        waiters.push({ re, resolve: (x) => (clearTimeout(timer), resolve(x)) });
      }),
  };
}

/** A running job in the tenant's name (test/exports/hold-tenant.ts), on this suite's database. */
export async function holdTenantBusy(tenantId: string, appId: string): Promise<() => Promise<void>> {
  return holdTenant((await testDb()).sql, tenantId, appId);
}

/** What a worker does when a job's files cannot be written: running → failed with a reason. */
export async function failQueuedJob(id: string, error: { code: string; detail: string }): Promise<void> {
  const { sql } = await testDb();
  const r = await sql.query(`UPDATE export_job SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = 'queued' RETURNING id`, [id, JSON.stringify(error)]);
  if (r.rows.length !== 1) throw new Error(`job ${id} was not queued`);
}
