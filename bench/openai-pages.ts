// Not part of the bench: in-process timing and md5 of openai pages (`tsx bench/openai-pages.ts [rounds]
// [pages]`) against the apps "bench app" and "reference app" of BENCH_DATABASE_URL (read only). Each
// check page's body is hashed, so a change can be shown to write the same bytes; the P1 pages are
// timed round after round (wall and the process's CPU).
import { createHash } from "node:crypto";
import { openDatabase } from "../lib/db/client";
import { parseExportQuery } from "../lib/core/filters";
import { prepareExport } from "../lib/core/export/pipeline";

const since = process.env.SINCE ?? new Date(Date.now() - 7 * 86_400_000).toISOString();
const FILTER = `score=${encodeURIComponent("correctness>=0.5")}&startDate=${since}`;
const P1 = `${FILTER}&limit=2000`;
const PAGES: Record<string, string> = {
  plain: `${P1}&format=openai`,
  trace: `${P1}&format=openai&unit=trace&dedupe=true&maxTokens=8000`,
  session: `${FILTER}&limit=300&format=openai&unit=session&dedupe=true`,
  split: `${P1}&format=openai&unit=trace&split=train&validationFraction=0.3`,
  redact: `${FILTER}&format=openai&redact=true&limit=500`,
  redactTrace: `${FILTER}&format=openai&unit=trace&redact=true&limit=500`,
  tooLong: `${P1}&format=openai&unit=trace&maxTokens=1645`,
  tooLongPlain: `${P1}&format=openai&maxTokens=415&dedupe=true`,
  unfiltered: `startDate=${since}&limit=1000&format=openai`,
};

async function run(db: Awaited<ReturnType<typeof openDatabase>>, appId: string, params: string) {
  const q = parseExportQuery(new URLSearchParams(params));
  const t0 = performance.now();
  const p = await prepareExport(db, appId, q, { retentionDays: 90 });
  let totalMs = 0;
  void p.total.then(() => (totalMs = performance.now() - t0));
  let bodyMs = 0;
  const h = createHash("md5");
  let bytes = 0;
  let last = "";
  for await (const piece of p.body) {
    h.update(piece);
    bytes += piece.length;
    // The trailer is text; pieces of bytes (records PostgreSQL wrote) are not decoded here, which would
    // cost this process what the server does not pay.
    if (typeof piece === "string") last = piece;
    if (typeof piece !== "string" || !piece.includes("_export_meta")) bodyMs = performance.now() - t0;
  }
  const meta = JSON.parse(last.trim().split("\n").pop()!)._export_meta;
  return { md5: h.digest("hex"), bytes, meta, totalMs, bodyMs };
}

async function main() {
  const db = await openDatabase(process.env.BENCH_DATABASE_URL!);
  const apps = await db.query<{ id: string; name: string }>(`SELECT a.id, a.name FROM app a WHERE a.name IN ('bench app', 'reference app') ORDER BY a.name`, []);
  const rounds = Number(process.argv[2] ?? 0);
  const only = process.argv[3]?.split(",");
  if (process.env.HASH !== "0") {
    for (const app of apps) {
      for (const [name, params] of Object.entries(PAGES)) {
        const r = await run(db, app.id, params);
        console.log(`${app.name} ${name}: md5 ${r.md5} ${r.bytes} chars ${JSON.stringify({ ...r.meta, next_cursor: r.meta.next_cursor?.slice(0, 24) })}`);
        if (r.meta.next_cursor && (name === "plain" || name === "trace" || name === "session")) {
          const c = await run(db, app.id, `${params}&cursor=${encodeURIComponent(r.meta.next_cursor)}`);
          console.log(`${app.name} ${name} cursor page: md5 ${c.md5} ${c.bytes} chars ${JSON.stringify({ ...c.meta, next_cursor: c.meta.next_cursor?.slice(0, 24) })}`);
        }
      }
    }
  }
  const bench = apps.find((a) => a.name === (process.env.APP ?? "bench app"))!;
  for (const name of only ?? ["plain", "trace"]) {
    const times: number[] = [];
    const cpus: number[] = [];
    const counts: number[] = [];
    const bodies: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const r = await run(db, bench.id, PAGES[name]);
      counts.push(r.totalMs);
      bodies.push(r.bodyMs);
      const c = process.cpuUsage(c0);
      times.push(performance.now() - t0);
      cpus.push((c.user + c.system) / 1000);
    }
    if (rounds) {
      const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
      console.log(`${name}: median wall ${med(times).toFixed(1)} ms, cpu ${med(cpus).toFixed(1)} ms, total counted at ${med(counts).toFixed(1)} ms, rows written at ${med(bodies).toFixed(1)} ms (walls ${times.map((t) => t.toFixed(0)).join(" ")})`);
    }
  }
  await db.close();
}
main();
