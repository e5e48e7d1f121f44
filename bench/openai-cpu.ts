// Not part of the bench: the JavaScript side of the P1 openai pages alone (`tsx bench/openai-cpu.ts
// [rounds]`): the page's rows are read once from BENCH_DATABASE_URL ("reference app"), then formatted
// round after round with the token cache warm, as the bench's repeated page is. CPU time, no database.
import { openDatabase } from "../lib/db/client";
import { parseExportQuery } from "../lib/core/filters";
import { retentionCutoff } from "../lib/core/retention";
import { emptyTally, formatterFor } from "../lib/core/export/formatters";
import { unitSource } from "../lib/core/export/finetune/unit-source";
import { copySource } from "../lib/core/export/copy-source";
import type { UnitRows } from "../lib/core/export/row-source";

async function main() {
  const db = await openDatabase(process.env.BENCH_DATABASE_URL!);
  const [{ id }] = await db.query<{ id: string }>(`SELECT a.id FROM app a WHERE a.name = $1`, [process.env.APP ?? "reference app"]);
  const since = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const P1 = `score=${encodeURIComponent("correctness>=0.5")}&startDate=${since}&limit=2000&format=openai`;
  const rounds = Number(process.argv[2] ?? 20);
  const cutoff = retentionCutoff(90);
  for (const [name, params] of [["plain", P1], ["trace", `${P1}&unit=trace&dedupe=true&maxTokens=8000`]] as const) {
    const q = parseExportQuery(new URLSearchParams(params));
    const ctx = { db, appId: id, q, cutoff };
    const lines: string[][] = [];
    const units: UnitRows[][] = [];
    const source = name === "plain" ? copySource(ctx, db.copyOut!.bind(db)) : unitSource(ctx);
    for await (const c of source.chunks()) {
      if ("lines" in c) lines.push(c.lines);
      if ("units" in c) units.push(c.units);
    }
    const cpu: number[] = [];
    let chars = 0;
    for (let r = 0; r < rounds; r++) {
      const tally = emptyTally(q);
      const fmt = formatterFor(q, tally);
      const c0 = process.cpuUsage();
      chars = 0;
      for (const l of lines) chars += fmt.chunk(l, tally).length;
      for (const u of units) chars += fmt.units!(u, tally).length;
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const sorted = cpu.slice(1).sort((a, b) => a - b);
    console.log(`${name}: ${chars} chars; CPU per page median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, best ${sorted[0].toFixed(1)} ms (first ${cpu[0].toFixed(0)} ms)`);
  }
  await db.close();
}
main();
