// The Node.js half of Next's start-up hook (instrumentation.ts imports it only in the nodejs runtime,
// so the edge bundle never sees the database drivers, the queue or their Node-only imports). The score
// retention job (scores are kept FLYWHEEL_SCORE_RETENTION_DAYS, then deleted: docs/ingest.md) runs inside
// the server, hourly, so a self-hoster needs no cron; `npm run db:retention` runs the same job on demand.

const HOUR_MS = 60 * 60 * 1000;
// The first run waits a little: start-up stays quick, and short-lived processes (build workers) exit first.
const FIRST_RUN_DELAY_MS = 30_000;

interface RetentionJobState {
  started: boolean;
  running: boolean;
}

export async function registerNode() {
  // NEXT_PHASE is set by Next itself, not by the operator, so it is read here rather than through lib/env.ts.
  if (process.env.NEXT_PHASE === "phase-production-build") return;

  // Once per process, even if Next evaluates this module more than once.
  const holder = globalThis as unknown as { __flywheelRetentionJob?: RetentionJobState };
  if (holder.__flywheelRetentionJob?.started) return;
  const state: RetentionJobState = { started: true, running: false };
  holder.__flywheelRetentionJob = state;

  const run = async () => {
    if (state.running) return; // a slow run is never overlapped by the next tick
    state.running = true;
    try {
      const [{ database }, { env }, { deleteExpiredScores }] = await Promise.all([
        import("./lib/server/db"),
        import("./lib/env"),
        import("./lib/core/retention"),
      ]);
      const db = await database();
      const result = await deleteExpiredScores(db, env().FLYWHEEL_SCORE_RETENTION_DAYS);
      console.log(JSON.stringify({ job: "score-retention", ...result }));
    } catch (err) {
      // A failed run is retried on the next tick; it must never take the server down.
      console.error(JSON.stringify({ level: "error", job: "score-retention", error: String((err as Error)?.message ?? err) }));
    } finally {
      state.running = false;
    }
  };

  // unref: the timers alone never keep a process alive that would otherwise exit.
  setTimeout(run, FIRST_RUN_DELAY_MS).unref();
  setInterval(run, HOUR_MS).unref();

  await startExportJobs();
}

/**
 * Bulk export workers (docs/bulk-exports.md): with FLYWHEEL_WORKER=inline (the default) this process
 * runs jobs too; with `off` they are left to `npm run worker`. A failure to start is logged, never
 * fatal: the API still answers, and a worker started later picks the queued jobs up.
 */
async function startExportJobs() {
  try {
    const [{ env }, { startInlineWorkers }] = await Promise.all([import("./lib/env"), import("./lib/server/export-queue")]);
    if (env().FLYWHEEL_WORKER !== "inline") return;
    startInlineWorkers().catch((err) =>
      console.error(JSON.stringify({ level: "error", job: "export-workers", error: String((err as Error)?.message ?? err) })),
    );
  } catch (err) {
    console.error(JSON.stringify({ level: "error", job: "export-workers", error: String((err as Error)?.message ?? err) }));
  }
}
