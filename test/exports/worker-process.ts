// `npm run worker` processes for bulk export tests that must kill one (SIGKILL: no cleanup, no goodbye)
// and start the next. The test's server runs with FLYWHEEL_WORKER=off, so only these run jobs.
import { spawn, type ChildProcess } from "node:child_process";
import { ROOT } from "../harness";
import type { OwnSetup } from "./own-database";

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** SIGKILL, resolved once the process is gone. */
  kill(): Promise<void>;
}

const started: ChildProcess[] = [];

/** A worker against the test's database, writing 300 rows per checkpoint (plus `env`). */
export function startWorker(own: OwnSetup, env: Record<string, string> = {}): WorkerProcess {
  let out = "";
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a child process, which a SIGKILL
  // of the CLI would leave running.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: own.database.url, FLYWHEEL_EXPORT_DIR: own.exportDir, FLYWHEEL_EXPORT_PAGE_ROWS: "300", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  started.push(child);
  return {
    child,
    output: () => out,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await gone;
    },
  };
}

/** Whether any worker started here still runs. */
export function workerAlive(): boolean {
  return started.some((w) => w.exitCode === null && w.signalCode === null);
}

/** Kills every worker still running (afterAll). */
export function killWorkers(): void {
  for (const w of started) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
}
