import "server-only";
// The server process's export queue: one per process (kept on globalThis, as Next may evaluate this
// module once per route bundle). Routes enqueue through it; with FLYWHEEL_WORKER=inline (the default)
// the same process also runs the workers (instrumentation-node.ts), else `npm run worker` processes do.
import { openExportQueue, startExportWorkers, type ExportQueue } from "@/lib/jobs/export-worker";
import { env } from "@/lib/env";
import { database } from "./db";

const holder = globalThis as unknown as { __flywheelExportQueue?: Promise<ExportQueue>; __flywheelExportWorkers?: Promise<unknown> };

export function exportQueue(): Promise<ExportQueue> {
  if (!holder.__flywheelExportQueue) {
    const inline = env().FLYWHEEL_WORKER === "inline";
    // pg-boss's own upkeep (expiring its messages, cron) runs where workers run.
    const opening = database().then((db) => openExportQueue(db, { supervise: inline }));
    holder.__flywheelExportQueue = opening;
    opening.catch(() => {
      if (holder.__flywheelExportQueue === opening) holder.__flywheelExportQueue = undefined;
    });
  }
  return holder.__flywheelExportQueue;
}

/** Starts this process's workers once (FLYWHEEL_WORKER=inline). */
export function startInlineWorkers(): Promise<unknown> {
  holder.__flywheelExportWorkers ??= (async () => {
    const [db, queue] = await Promise.all([database(), exportQueue()]);
    return startExportWorkers(db, queue, env());
  })();
  return holder.__flywheelExportWorkers;
}

/** Where this server's jobs keep their files. */
export { jobStorage } from "@/lib/jobs/export-worker";
