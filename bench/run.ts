// `npm run bench [-- --smoke] [-- --spans N] [-- --only p1,p4] [-- --reference M] [-- --load-only] [-- --reuse]`: Flywheel at scale, every figure a ratio or a rate
// measured side by side in the same run (see docs/performance.md). Its own database (flywheel_bench on
// the server in BENCH_DATABASE_URL / TEST_DATABASE_URL, else embedded PGlite); never dev data.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { openDatabase, SESSION_OPTIONS } from "../lib/db/client";
import { prepareTestDatabase, startServer, ROOT, type TestDatabase } from "../test/harness";
import { createTenancy, type Tenancy } from "../test/tenancy";
import { signIn } from "../test/session";
import type { SqlConnection } from "../lib/db/migrate";
import { benchBulk } from "./bulk";
import { findTenancy, reusableDatabase } from "./reuse";
import { generateApps, scoreMismatches, type BenchApp } from "./data";
import { cpuBetween, median, percentile, postgresCpuMs, processesCpuMs, timedCopy, timedFetch, treeCpuMs, treeRss, type StreamTiming } from "./measure";
import { makeSpans, sendSpans, type Encoding } from "./otlp";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { Database } from "../lib/db/client";

const FIGURES = ["p1", "p2", "p3", "p4", "p5", "p6"] as const;

const BenchArgs = z.object({
  smoke: z.boolean().default(false),
  spans: z.coerce.number().int().min(1_000).max(20_000_000).optional(),
  reference: z.coerce.number().int().min(0).max(20_000_000).optional(),
  "load-only": z.boolean().default(false),
  // Measure the database an earlier run loaded (e.g. with --load-only), when it holds the same apps.
  reuse: z.boolean().default(false),
  // A comma-separated subset of the figures, e.g. `p4` while working on ingest; every figure by default.
  only: z
    .string()
    .transform((s) => s.split(",").map((f) => f.trim().toLowerCase()))
    .pipe(z.array(z.enum(FIGURES)).min(1))
    .default([...FIGURES]),
});

function readArgs(): z.infer<typeof BenchArgs> {
  try {
    const { values } = parseArgs({
      options: { smoke: { type: "boolean" }, spans: { type: "string" }, reference: { type: "string" }, "load-only": { type: "boolean" }, reuse: { type: "boolean" }, only: { type: "string" } },
      strict: true,
    });
    const parsed = BenchArgs.safeParse(values);
    if (parsed.success) return parsed.data;
    throw new Error(z.prettifyError(parsed.error));
  } catch (err) {
    console.error(`bench: ${(err as Error).message}\nusage: npm run bench [-- --smoke] [-- --spans N] [-- --reference M] [-- --load-only] [-- --reuse] [-- --only ${FIGURES.join(",")}]`);
    process.exit(2);
  }
}

const { smoke, spans, reference: referenceArg, "load-only": loadOnly, reuse, only } = readArgs();
const wanted = (figure: (typeof FIGURES)[number]) => only.includes(figure);
const SPANS = spans ?? (smoke ? 10_000 : 1_000_000);
// Issue 17: export cost must not grow with the table. Above 1M spans the run also loads a 1M-span app
// into the same database and measures P1, P3 and P5 on both, so each figure at N has its 1M twin from
// the same run (same machine, same minutes, same table) to be compared with. 0 turns it off.
const REFERENCE = referenceArg ?? (SPANS > 1_000_000 ? 1_000_000 : 0);
if (REFERENCE >= SPANS && REFERENCE > 0) {
  console.error("bench: --reference must be smaller than --spans");
  process.exit(2);
}
const RUNS = smoke ? 3 : 15;
// Requests per format between the cold series and the measured one: a server that has just started
// runs its request path unoptimised (V8 compiles hot code as it runs) on pooled connections whose
// PostgreSQL sessions have not cached their catalog yet, which made the first ~30 exports ~30 % slower.
const WARM_UP = smoke ? 2 : 20;
const INGEST_SPANS = smoke ? 2_048 : 51_200;
const WALK_ROWS = 50_000;
const STARTED = performance.now();

const results: { name: string; value: string; target: string; ok?: boolean; check?: boolean }[] = [];
/** A figure against its target. `check` marks a correctness check (same rows, none lost), which fails the run. */
function report(name: string, value: string, target = "", ok?: boolean, check = false) {
  results.push({ name, value, target, ok, check });
  console.log(`${name.padEnd(44)} ${value.padStart(16)}  ${target}${ok === undefined ? "" : ok ? "  ok" : "  MISSED"}`);
}

async function main() {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  console.log(`Flywheel bench: ${SPANS.toLocaleString()} spans${smoke ? " (smoke)" : ""}${only.length < FIGURES.length ? `, only ${only.join(", ")}` : ""}; ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model}; load ${loadavg()}`);

  // The database named in BENCH_DATABASE_URL (dropped and created anew), else flywheel_bench.
  const named = process.env.BENCH_DATABASE_URL ? new URL(process.env.BENCH_DATABASE_URL).pathname.slice(1) : "";
  const reused = reuse ? await reusedDatabase(named) : undefined;
  if (reused) {
    console.log(`data: reusing ${named} (--reuse): it holds the apps of ${SPANS.toLocaleString()} and ${REFERENCE.toLocaleString()} spans`);
    const db = await openDatabase(reused.url);
    const main = await findTenancy(db, "bench");
    const reference = REFERENCE ? await findTenancy(db, "reference") : undefined;
    return measure(reused, db, main, reference);
  }
  if (reuse) console.log("data: nothing to reuse (no such database, or other apps in it): loading");
  const database = await prepareTestDatabase(named && named !== "postgres" ? named : "flywheel_bench");
  let db = await openDatabase(database.url);
  const main = await createTenancy(db, "bench");
  const noise = [await createTenancy(db, "noisea"), await createTenancy(db, "noiseb")];
  const reference = REFERENCE ? await createTenancy(db, "reference") : undefined;
  // On PostgreSQL the load runs in two sessions of its own, so both cores generate; they have no
  // statement timeout (an index build over millions of rows takes minutes) and sort in memory, one
  // process each. PGlite runs one statement at a time anyway.
  const loaders = database.kind === "postgres" ? [0, 1].map(() => new pg.Client({ connectionString: database.url })) : [];
  for (const c of loaders) {
    await c.connect();
    await c.query("SET maintenance_work_mem = '1GB'; SET max_parallel_maintenance_workers = 0");
  }
  const sessions: SqlConnection[] = loaders.length
    ? loaders.map((c) => ({ exec: (t: string) => c.query(t), query: (t: string, p?: unknown[]) => c.query(t, p) }) as SqlConnection)
    : [db.sql];
  // The loader backends' CPU time: on a machine shared with other work, wall time says little about
  // what the load costs; CPU time ÷ 2 is what it would take on two free cores.
  const loaderPids = await Promise.all(loaders.map(async (c) => Number((await c.query("SELECT pg_backend_pid() AS pid")).rows[0].pid)));
  const loaderCpu = () => [...processesCpuMs(loaderPids).values()].reduce((a, b) => a + b, 0) / 1000;
  const generated = await generateApps(sessions, benchApps(main.appId, reference?.appId, noise.map((n) => n.appId)), (line) =>
    console.log(`${line}${loaders.length ? ` (${loaderCpu().toFixed(0)} s of PostgreSQL CPU so far)` : ""}`),
  );
  // In a loader session (no statement timeout): VACUUM of several million rows takes minutes.
  const after = sessions[0];
  const mismatch = await scoreMismatches(after);
  report("data: sampled spans whose scores differ from the trigger's", `${mismatch.differing} of ${mismatch.sampled}`, "0", mismatch.differing === 0, true);
  await after.exec("VACUUM ANALYZE");
  // Write the load's dirty pages out now, so the checkpointer does not do it during the first timings.
  await after.exec("CHECKPOINT");
  if (loaders.length) console.log(`data: loaded, vacuumed and checkpointed with ${loaderCpu().toFixed(0)} s of PostgreSQL CPU in the two loader sessions`);
  for (const c of loaders) await c.end();
  // The measurements get a pool of their own, not the sessions that loaded the data (docs/performance.md,
  // "Reading the numbers": whole runs where one format's first byte came 5–8 ms late).
  await db.close();
  db = await openDatabase(database.url);
  console.log(`data: ${database.kind}, ${generated.toLocaleString()} spans generated in ${((performance.now() - STARTED) / 1000).toFixed(1)} s`);

  if (loadOnly) {
    // --load-only: the data generation alone (its time is the figure), the database left in place.
    await db.close();
    return;
  }
  await measure(database, db, main, reference);
}

/** The bench database of an earlier run, when --reuse can measure it: PostgreSQL, the same apps. */
async function reusedDatabase(named: string): Promise<TestDatabase | undefined> {
  if (!process.env.BENCH_DATABASE_URL || !named || named === "postgres") return undefined;
  const apps = [{ label: "bench", spans: SPANS }, ...(REFERENCE ? [{ label: "reference", spans: REFERENCE }] : [])];
  const url = await reusableDatabase(process.env.BENCH_DATABASE_URL, apps);
  return url ? { url, kind: "postgres", stop: async () => {} } : undefined;
}

/** Every wanted figure, on the loaded database. */
async function measure(database: TestDatabase, db: Database, main: Tenancy, reference: Tenancy | undefined): Promise<void> {
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(`${ROOT}/${distDir}/BUILD_ID`)) {
    console.log(`no production build in ${distDir}: running next build`);
    spawnSync("npx", ["next", "build"], { stdio: "inherit", cwd: ROOT, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  }
  const server = await startServer(database.url, { FLYWHEEL_EXPORT_RATE_LIMIT: "1000000" });
  // The baseline session runs with the server's own session settings (lib/db/client.ts).
  const copyClient = new pg.Client({ connectionString: database.url, options: SESSION_OPTIONS });
  await copyClient.connect();
  const ctx: Ctx = { baseUrl: server.baseUrl, copyClient, serverPid: server.pid };
  // Each app measured on its own, the 1M reference first; figures at N carry their app's size in the name.
  const sized = [...(reference ? [{ app: reference, spans: REFERENCE }] : []), { app: main, spans: SPANS }];
  const label = (spans: number) => (reference ? ` @${spans >= 1e6 ? `${spans / 1e6}M` : `${spans / 1e3}k`}` : "");

  try {
    const p1 = new Map<number, Map<string, number>>();
    if (wanted("p1")) {
      const apps: { spans: number; p1: P1App }[] = [];
      for (const { app, spans } of sized) apps.push({ spans, p1: await prepareP1(ctx, app, label(spans), app === main) });
      // The apps' measured rounds interleaved, in turn first, so neither size always runs right after a
      // server start or in other minutes than the other: the two sizes' ratios are compared (issue 17).
      for (let i = 0; i < RUNS; i++) for (const { p1: app } of i % 2 ? [...apps].reverse() : apps) await app.round();
      for (const { spans, p1: app } of apps) p1.set(spans, await app.finish());
    }
    if (wanted("p2")) await measureP2(ctx, main);
    const p3 = new Map<number, number>();
    if (wanted("p3")) for (const { app, spans } of sized) p3.set(spans, await measureP3(ctx, app, label(spans)));
    if (wanted("p4")) await measureP4(ctx, db);
    const p5 = new Map<number, number>();
    if (wanted("p5")) for (const { app, spans } of sized) p5.set(spans, await measureP5(ctx, app, label(spans)));
    if (reference) {
      // Issue 17's goals: the figures at N against the same run's at the reference size.
      const [small, big] = [REFERENCE, SPANS];
      const at = `${label(big).trim()} vs ${label(small).trim()}`;
      if (p5.size) {
        const rate = p5.get(big)! / p5.get(small)!;
        report(`P5 rows/s ${at}`, `${rate.toFixed(2)}×`, "≥ 0.8×", rate >= 0.8);
      }
      if (p3.size) {
        const p95 = p3.get(big)! / p3.get(small)!;
        report(`P3 p95 ${at}`, `${p95.toFixed(2)}×`, "≤ 1.2×", p95 <= 1.2);
      }
      for (const [format, ratio] of p1.get(big) ?? []) {
        const diff = ratio - p1.get(small)!.get(format)!;
        report(`P1 ${format} ÷ COPY ${at}`, `${diff >= 0 ? "+" : ""}${diff.toFixed(2)}`, "within 0.1", Math.abs(diff) <= 0.1);
      }
    }

    if (wanted("p6")) {
      // P6: bulk export jobs over every row of the app (bench/bulk.ts).
      const bulk = await benchBulk({ db, databaseUrl: database.url, sessionOptions: SESSION_OPTIONS, baseUrl: server.baseUrl, serverPid: server.pid, appId: main.appId, auth: authOf(main), retentionDays: 90 });
      const jsonlBytes = bulk.find((b) => b.format === "jsonl")?.bytes ?? 0;
      for (const b of bulk) {
        const ratio = b.jobMs / b.copyMs;
        report(`P6 bulk ${b.format} job ÷ COPY into a file`, `${ratio.toFixed(2)}×`, b.format === "jsonl" ? "≤ 1.5×" : "", b.format === "jsonl" ? ratio <= 1.5 : undefined);
        report(`P6 bulk ${b.format} rows/s; server RSS growth`, `${Math.round(b.rows / (b.jobMs / 1000)).toLocaleString()}/s; ${(b.rssGrowth / 2 ** 20).toFixed(0)} MB`);
        if (b.format === "parquet") report("P6 parquet size ÷ jsonl size", `${(b.bytes / jsonlBytes).toFixed(2)}×`);
      }
    }
  } finally {
    await copyClient.end();
    await server.stop();
    await db.close();
    await database.stop();
  }
  const missed = results.filter((r) => r.ok === false).length;
  console.log(`\n| figure | value | target |\n|---|---|---|`);
  for (const r of results) console.log(`| ${r.name} | ${r.value} | ${r.target}${r.ok === undefined ? "" : r.ok ? " ✓" : " ✗"} |`);
  console.log(`\nbench: ${results.filter((r) => r.ok).length} targets met, ${missed} missed (${((performance.now() - STARTED) / 1000).toFixed(0)} s; load ${loadavg()})`);
  if (smoke) console.log("smoke run: too few rows for the ratios to mean much; it checks that the bench runs and its checks hold");
  const broken = results.filter((r) => r.check && !r.ok);
  if (broken.length) {
    console.error(`bench: correctness check failed: ${broken.map((r) => r.name).join(", ")}`);
    process.exitCode = 1;
  }
}

/** The apps to generate: the one measured, the 1M reference (issue 17), two other tenants' as noise. */
function benchApps(mainId: string, referenceId: string | undefined, noiseIds: string[]): BenchApp[] {
  return [
    { appId: mainId, spans: SPANS, traceOffset: 0 },
    ...(referenceId ? [{ appId: referenceId, spans: REFERENCE, traceOffset: 40_000_000 }] : []),
    ...noiseIds.map((appId, i) => ({ appId, spans: Math.ceil(SPANS / 10), traceOffset: (i + 1) * 10_000_000 })),
  ];
}

interface Ctx {
  baseUrl: string;
  copyClient: pg.Client;
  serverPid: number;
}

const authOf = (app: Tenancy) => ({ authorization: `Bearer ${app.apiKey}`, "x-app-id": app.appId });

/**
 * P1: a 2,000-row page filtered by a score condition and a 7-day window, against COPY of the same rows.
 * Returns each format's last byte ÷ COPY.
 */
/** P1 for one app: its cold and first figures and warm-up done; `round` measures every format once, `finish` reports. */
interface P1App {
  round(): Promise<void>;
  finish(): Promise<Map<string, number>>;
}

async function prepareP1({ baseUrl, copyClient, serverPid }: Ctx, app: Tenancy, at: string, detail: boolean): Promise<P1App> {
  const auth = authOf(app);
  const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const filter = `score=${encodeURIComponent("correctness>=0.5")}&startDate=${since}&limit=2000`;
  // The equivalent SELECT of the same rows in the same schema: each row's scores are the span's
  // `scores` column (all of the bench's scores are inside the retention window, so it is exact).
  const copyQuery = `SELECT s.trace_id, s.span_id, s.span_name, s.type, s.model, s.status, s.latency_ms, s."timestamp",
      s.input, s.output, s.tool_calls, s.metadata, s.user_id, s.tags, s.input_tokens, s.output_tokens, s.cost, s.scores
    FROM span s
    WHERE s.app_id = '${app.appId}' AND s."timestamp" >= '${since}' AND s."timestamp" <= now()
      AND (s.scores ->> 'correctness')::float8 >= 0.5
    ORDER BY s."timestamp" DESC, s.span_id DESC, s.trace_id DESC LIMIT 2000`;
  const copyRows = (await timedCopy(copyClient, copyQuery, true)).rows;
  // The three formats, and two variants with export options (docs/export.md "Fine-tuning options"):
  // whole-trace openai examples de-duplicated under a token budget, and jsonl with redaction.
  const VARIANTS = {
    jsonl: "format=jsonl",
    csv: "format=csv",
    openai: "format=openai",
    "openai unit=trace&dedupe=true&maxTokens=8000": "format=openai&unit=trace&dedupe=true&maxTokens=8000",
    "jsonl redact=true": "format=jsonl&redact=true",
  } as const;
  const formats = Object.keys(VARIANTS) as (keyof typeof VARIANTS)[];
  const urlOf = (format: (typeof formats)[number]) => `${baseUrl}/v1/traces/export?${filter}&${VARIANTS[format]}`;
  // COPY right before each export, so a change in the machine's load hits both alike.
  type Series = { copyMs: number[]; timings: StreamTiming[] };
  const series = (): Series => ({ copyMs: [], timings: [] });
  const round = async (format: (typeof formats)[number], into: Series) => {
    // Untimed first, so the timed COPY and the export both find the rows in PostgreSQL's buffers: a
    // unit=trace page (~10 MB read) or the other app's round pushes them out, and the COPY after it paid
    // the reads back for the export that followed (COPY medians of 24–39 ms in those series, 19–21 in
    // the others, until 2026-12-08).
    await timedCopy(copyClient, copyQuery);
    into.copyMs.push((await timedCopy(copyClient, copyQuery)).ms);
    into.timings.push(await timedFetch(urlOf(format), auth));
  };
  // Each format right after the server's first request of it: the "server just started" figure. The
  // very first request of each format is timed too: the openai pages' token counts are not in the
  // server's count cache yet then (docs/export.md "Token count"), so it is the cold figure.
  const cold = new Map<string, number>();
  const first = new Map<string, number>();
  let firstJsonl = "";
  for (const format of formats) {
    const copyMs = (await timedCopy(copyClient, copyQuery)).ms;
    const warm = await timedFetch(urlOf(format), auth, true);
    if (warm.status !== 200) throw new Error(`export ${format} answered ${warm.status}: ${warm.text}`);
    first.set(format, warm.lastByteMs / copyMs);
    if (format === "jsonl") firstJsonl = warm.text!;
    const s = series();
    for (let i = 0; i < RUNS; i++) await round(format, s);
    cold.set(format, median(s.timings.map((t) => t.lastByteMs)) / median(s.copyMs));
  }
  // Then warmed up, and measured in rounds of every format, so a slow spell of the machine (a
  // checkpoint, another process) lands on all of them rather than on one format's series.
  const warmUp = series();
  for (let i = 0; i < WARM_UP; i++) for (const format of formats) await round(format, warmUp);
  const measured = new Map(formats.map((f) => [f, series()]));
  return {
    round: async () => {
      for (const format of formats) await round(format, measured.get(format)!);
    },
    finish: () => reportP1(),
  };

  async function reportP1(): Promise<Map<string, number>> {
    const ratios = new Map<string, number>();
    const copies: number[] = [];
    const lastOf = (format: (typeof formats)[number]) => median(measured.get(format)!.timings.map((t) => t.lastByteMs));
    for (const format of formats) {
      const { copyMs, timings } = measured.get(format)!;
      copies.push(...copyMs);
      const copy = median(copyMs);
      const last = median(timings.map((t) => t.lastByteMs));
      const firstByte = median(timings.map((t) => t.firstByteMs));
      ratios.set(format, last / copy);
      if (format === "jsonl redact=true") {
        // Redaction's cost: against plain jsonl of the same rows, measured in the same rounds.
        const ratio = last / lastOf("jsonl");
        report(`P1${at} ${format}: last byte ÷ plain jsonl`, `${ratio.toFixed(2)}×`, "≤ 1.3×", ratio <= 1.3);
      }
      const goal = format.startsWith("openai unit=trace") ? 2.5 : format === "jsonl redact=true" ? 2.0 : 1.5;
      report(`P1${at} ${format}: last byte ÷ COPY`, `${(last / copy).toFixed(2)}×`, `≤ ${goal.toFixed(1)}×`, last / copy <= goal);
      report(`P1${at} ${format}: the same, server just started`, `${cold.get(format)!.toFixed(2)}×`);
      report(`P1${at} ${format}: its first request ÷ COPY`, `${first.get(format)!.toFixed(2)}×`);
      report(`P1${at} ${format}: time to first byte`, `${firstByte.toFixed(1)} ms`, "≤ 50 ms", firstByte <= 50);
      report(`P1${at} ${format}: time to last byte / COPY`, `${last.toFixed(1)} / ${copy.toFixed(1)} ms`);
      if (format.startsWith("openai")) {
        // What the page wrote, as its trailer says (examples, skips and tokens differ between the units).
        const warm = await timedFetch(urlOf(format), auth, true);
        const meta = JSON.parse(warm.text!.trimEnd().split("\n").at(-1)!)._export_meta;
        report(`P1${at} ${format}: examples / skipped / tokens`, `${meta.exported} / ${meta.skipped} / ${meta.tokens}`);
      }
      if (format === "jsonl") {
        // The same rows: the export wrote as many as COPY did.
        const meta = JSON.parse(firstJsonl.trimEnd().split("\n").at(-1)!)._export_meta;
        report(`P1${at} jsonl rows / COPY rows`, `${meta.exported} / ${copyRows} (${(Buffer.byteLength(firstJsonl) / 1e6).toFixed(1)} MB)`, "equal", meta.exported === copyRows, true);
        if (detail) {
          // Where the time goes: CPU per request of the database, the server and this process (the reader).
          const cpu = async (fn: () => Promise<unknown>, n = 10) => {
            const [pg0, own0] = [postgresCpuMs(), process.cpuUsage()];
            const srv0 = treeCpuMs(serverPid);
            for (let i = 0; i < n; i++) await fn();
            const own = process.cpuUsage(own0);
            return [(postgresCpuMs() - pg0) / n, (treeCpuMs(serverPid) - srv0) / n, (own.user + own.system) / 1000 / n].map((x) => x.toFixed(0));
          };
          const [ePg, eSrv, eOwn] = await cpu(() => timedFetch(urlOf("jsonl"), auth));
          const [cPg, , cOwn] = await cpu(() => timedCopy(copyClient, copyQuery));
          report(`P1${at} jsonl CPU per export: PostgreSQL / server / reader`, `${ePg} / ${eSrv} / ${eOwn} ms`);
          report(`P1${at} CPU per COPY: PostgreSQL / reader`, `${cPg} / ${cOwn} ms`);
        }
      }
    }
    report(`P1${at} COPY baseline (2,000 rows), median`, `${median(copies).toFixed(1)} ms`);
    return ratios;
  }
}

/**
 * P2: server memory growth during a full 2,000-row export, against the export's size. One reading
 * depends on when V8 happens to collect garbage, so the export is measured three times (after a
 * warm-up) and the median reported.
 */
async function measureP2({ baseUrl, serverPid }: Ctx, app: Tenancy): Promise<void> {
  const auth = authOf(app);
  const fullUrl = `${baseUrl}/v1/traces/export?limit=2000&format=jsonl`;
  await timedFetch(fullUrl, auth);
  const growths: number[] = [];
  let fullBytes = 0;
  for (let i = 0; i < 3; i++) {
    const before = treeRss(serverPid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, treeRss(serverPid))), 5);
    const full = await timedFetch(fullUrl, auth);
    clearInterval(sampler);
    fullBytes = full.bytes;
    growths.push(Math.max(0, peak - before) / full.bytes);
  }
  const growth = median(growths);
  report(
    "P2 RSS growth ÷ export bytes (median of 3)",
    `${growth.toFixed(2)}× (${growths.map((g) => g.toFixed(2)).join(", ")}; ${(fullBytes / 1e6).toFixed(1)} MB)`,
    "≤ 2×",
    growth <= 2,
  );
}

/** P3: the Traces page's first-page call, 50 rows with 3 filters. Returns its p95. */
async function measureP3({ baseUrl }: Ctx, app: Tenancy, at: string): Promise<number> {
  const cookie = await signIn(baseUrl, app.email, app.password);
  if (!cookie) throw new Error("could not sign in");
  const tableUrl = `${baseUrl}/api/traces?appId=${app.appId}&limit=50&type=GENERATION&model=gpt-4o&score=${encodeURIComponent("correctness>=0.5")}`;
  const warmTable = await timedFetch(tableUrl, { cookie });
  if (warmTable.status !== 200) throw new Error(`table API answered ${warmTable.status}`);
  const table = await repeat(smoke ? 10 : 40, async () => (await timedFetch(tableUrl, { cookie })).lastByteMs);
  report(`P3${at} table first page p50`, `${percentile(table, 50).toFixed(1)} ms`);
  report(`P3${at} table first page p95`, `${percentile(table, 95).toFixed(1)} ms`, "≤ 100 ms", percentile(table, 95) <= 100);
  return percentile(table, 95);
}

/** P4: ingest through the official OTLP/HTTP exporters, protobuf and JSON side by side. */
async function measureP4({ baseUrl, serverPid }: Ctx, db: Database): Promise<void> {
  const p4 = await ingestSideBySide(baseUrl, serverPid, db, makeSpans(INGEST_SPANS));
  const [pb, js] = [p4.protobuf, p4.json];
  report("P4 ingest protobuf (official exporter, 512/batch)", `${Math.round(pb.rate).toLocaleString()} spans/s`, "≥ 20,000/s", pb.rate >= 20_000);
  report("P4 ingest JSON (official exporter, 512/batch)", `${Math.round(js.rate).toLocaleString()} spans/s`, "≥ 5,000/s", js.rate >= 5_000);
  report("P4 protobuf ÷ JSON spans/s", `${(pb.rate / js.rate).toFixed(2)}×`, "≥ 1.5×", pb.rate / js.rate >= 1.5);
  for (const [name, r] of [["protobuf", pb], ["JSON", js]] as const) {
    report(`P4 ${name} CPU per batch: server / PostgreSQL / client`, `${r.cpu.server.toFixed(0)} / ${r.cpu.postgres.toFixed(0)} / ${r.cpu.client.toFixed(0)} ms`);
    report(`P4 ${name} spans stored / sent`, `${r.stored} / ${r.sent}`, "none lost", r.stored === r.sent, true);
  }
}

/**
 * P5: a keyset walk over up to 50,000 matching rows at limit 2,000 (unfiltered: the default 30-day
 * window, the whole app). Checks that every page reports the same total. Returns rows/s.
 */
async function measureP5({ baseUrl }: Ctx, app: Tenancy, at: string): Promise<number> {
  const auth = authOf(app);
  let cursor: string | null = null;
  const pageMs: number[] = [];
  const totals = new Set<number>();
  let rows = 0;
  const walkStarted = performance.now();
  do {
    const url: string = `${baseUrl}/v1/traces/export?limit=2000&lightweight=true${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const started = performance.now();
    const res: Response = await fetch(url, { headers: auth });
    const text: string = await res.text();
    pageMs.push(performance.now() - started);
    const lines: string[] = text.trimEnd().split("\n");
    const meta: { total: number; exported: number; next_cursor: string | null } = JSON.parse(lines.at(-1)!)._export_meta;
    totals.add(meta.total);
    rows += meta.exported;
    cursor = meta.next_cursor;
  } while (cursor && rows < WALK_ROWS);
  const walkSeconds = (performance.now() - walkStarted) / 1000;
  const rate = rows / walkSeconds;
  const ratio = pageMs.at(-1)! / pageMs[0];
  report(`P5${at} cursor walk`, `${Math.round(rate).toLocaleString()} rows/s (${rows} rows, ${pageMs.length} pages; first ${pageMs[0].toFixed(0)} ms, then median ${median(pageMs.slice(1)).toFixed(0)} ms)`);
  report(`P5${at} last page ÷ first page`, `${ratio.toFixed(2)}×`, "≤ 1.5×", ratio <= 1.5);
  report(`P5${at} every page's total`, [...totals].join(", "), "one value", totals.size === 1, true);
  return rate;
}

interface IngestSeries {
  rate: number;
  sent: number;
  stored: number;
  /** CPU ms per 512-span batch of the server, of PostgreSQL and of this process (the exporter's serializing). */
  cpu: { server: number; postgres: number; client: number };
}

/**
 * P4: the same spans through both official exporters, each into an app of its own. A warm-up of each
 * encoding first (the server's first requests run unoptimised code); then rounds, each sending the
 * next slice of spans in both encodings, the first encoding alternating, so a slow spell of the
 * machine lands on both series alike.
 */
async function ingestSideBySide(baseUrl: string, serverPid: number, db: Database, spans: ReadableSpan[]): Promise<Record<Encoding, IngestSeries>> {
  const encodings: Encoding[] = ["protobuf", "json"];
  const headersOf = (t: { apiKey: string; appId: string }) => ({ authorization: `Bearer ${t.apiKey}`, "x-app-id": t.appId });
  const warmSpans = makeSpans(smoke ? 1024 : 5120);
  for (const encoding of encodings) await sendSpans(baseUrl, headersOf(await createTenancy(db, `warm${encoding}`)), warmSpans, encoding);

  const apps = { protobuf: await createTenancy(db, "ingestpb"), json: await createTenancy(db, "ingestjson") };
  // PostgreSQL's share: the backends of the server's pool on the bench database (not every local
  // postgres process: other work on the machine would land in the figure). None with PGlite.
  const backends = async () =>
    db.kind === "postgres"
      ? (await db.sql.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`, [])).rows.map((r) => Number((r as { pid: unknown }).pid))
      : [];
  const totals = Object.fromEntries(encodings.map((e) => [e, { ms: 0, server: 0, postgres: 0, client: 0 }])) as Record<Encoding, { ms: number; server: number; postgres: number; client: number }>;
  const rounds = smoke ? 2 : 10;
  const slice = Math.ceil(spans.length / rounds);
  for (let r = 0; r < rounds; r++) {
    const part = spans.slice(r * slice, (r + 1) * slice);
    for (const encoding of r % 2 ? [...encodings].reverse() : encodings) {
      const [srv0, pg0, own0] = [treeCpuMs(serverPid), processesCpuMs(await backends()), process.cpuUsage()];
      totals[encoding].ms += await sendSpans(baseUrl, headersOf(apps[encoding]), part, encoding);
      const own = process.cpuUsage(own0);
      totals[encoding].server += treeCpuMs(serverPid) - srv0;
      totals[encoding].postgres += cpuBetween(pg0, processesCpuMs(await backends()));
      totals[encoding].client += (own.user + own.system) / 1000;
    }
  }
  const batches = Math.ceil(spans.length / 512);
  const out = {} as Record<Encoding, IngestSeries>;
  for (const encoding of encodings) {
    const t = totals[encoding];
    const stored = await db.prisma.span.count({ where: { appId: apps[encoding].appId } });
    out[encoding] = {
      rate: (spans.length / t.ms) * 1000,
      sent: spans.length,
      stored,
      cpu: { server: t.server / batches, postgres: t.postgres / batches, client: t.client / batches },
    };
  }
  return out;
}

/** The 1/5/15-minute load averages: other work on the machine skews every timing. */
function loadavg(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(" ");
}

async function repeat<T>(n: number, fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await fn());
  return out;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
