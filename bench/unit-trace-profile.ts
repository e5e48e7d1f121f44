// Not part of the bench: in-process timing of the P1 unit=trace page (`tsx bench/unit-trace-profile.ts [rounds]`),
// against the app "bench" of BENCH_DATABASE_URL loaded by `npm run bench -- --load-only`. Prints each
// round's time and an md5 of the body, so a change can be checked to write the same bytes.
import { createHash } from "node:crypto";
import { openDatabase } from "../lib/db/client";
import { parseExportQuery } from "../lib/core/filters";
import { prepareExport } from "../lib/core/export/pipeline";

async function main() {
  const url = process.env.BENCH_DATABASE_URL!;
  const db = await openDatabase(url);
  const [{ id }] = await db.query<{ id: string }>(`SELECT a.id FROM app a WHERE a.name = $1 LIMIT 1`, ["bench app"]);
  const since = process.env.SINCE ?? new Date(Date.now() - 7 * 86_400_000).toISOString();
  const params = new URLSearchParams(`score=${encodeURIComponent("correctness>=0.5")}&startDate=${since}&limit=2000&format=openai&unit=trace&dedupe=true&maxTokens=8000`);
  const rounds = Number(process.argv[2] ?? 8);
  // Wall time of each statement, by its first words (is the page waiting on PostgreSQL?).
  const sqlMs = new Map<string, number>();
  const query = db.query.bind(db);
  db.query = (async (text: string, values: unknown[]) => {
    const t = performance.now();
    try {
      return await query(text, values);
    } finally {
      const k = text.replace(/\s+/g, " ").trim().slice(0, 60);
      sqlMs.set(k, (sqlMs.get(k) ?? 0) + performance.now() - t);
    }
  }) as typeof db.query;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const q = parseExportQuery(params);
    const p = await prepareExport(db, id, q, { retentionDays: 90 });
    const h = createHash("md5");
    let bytes = 0;
    let last = "";
    for await (const piece of p.body) {
      h.update(piece);
      bytes += piece.length;
      if (typeof piece === "string") last = piece;
    }
    const tail = last.trim().split("\n").pop()!.slice(0, 160);
    const c = process.cpuUsage(c0);
    const sqlLine = [...sqlMs].map(([k, ms]) => `${ms.toFixed(0)} ms ${k}`).join(" | ");
    sqlMs.clear();
    console.log(`round ${r}: ${(performance.now() - t0).toFixed(1)} ms (cpu ${((c.user + c.system) / 1000).toFixed(0)} ms), ${bytes} chars, md5 ${h.digest("hex")} ${r === 0 ? tail : ""}\n  sql: ${sqlLine}`);
  }
  await db.close();
}
main();
