// `npx tsx bench/ingest-stages.ts [-- --batches N]`: where one P4 batch's time goes, stage by stage,
// in-process (no HTTP, no Next): the exporter's serializing, the server's decoding of each encoding,
// mapping the spans to rows, and the upsert — the same 512 SDK spans P4 sends. Medians of N batches,
// each stage timed alone, so a stage's cost can be compared before and after a change. Writes to its own
// database (BENCH_DATABASE_URL's name + `_stages`, dropped and created anew); never dev data.
import { parseArgs } from "node:util";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { openDatabase } from "../lib/db/client";
import { decodeProtobufRequest } from "../lib/core/ingest/decode-protobuf";
import { mapExportRequest, parseExportRequest, screenExportRequest, type ParsedRequest } from "../lib/core/ingest/decode-request";
import { upsertSpans } from "../lib/core/ingest/upsert-spans";
import { prepareTestDatabase } from "../test/harness";
import { createTenancy } from "../test/tenancy";
import { median } from "./measure";
import { makeSpans } from "./otlp";

const { values } = parseArgs({ options: { batches: { type: "string", default: "40" } }, strict: true });
const BATCHES = Math.max(4, Number(values.batches) || 40);

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

async function main() {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const named = process.env.BENCH_DATABASE_URL ? new URL(process.env.BENCH_DATABASE_URL).pathname.slice(1) : "flywheel_bench";
  const database = await prepareTestDatabase(`${named}_stages`);
  const db = await openDatabase(database.url);
  const app = await createTenancy(db, "stages");
  const spans = makeSpans(512 * BATCHES);
  const stages: Record<string, number[]> = {};
  const add = (name: string, ms: number) => (stages[name] ??= []).push(ms);
  try {
    for (let b = 0; b < BATCHES; b++) {
      const batch = spans.slice(b * 512, (b + 1) * 512);
      const [pb, pbSer] = time(() => ProtobufTraceSerializer.serializeRequest(batch)!);
      const [js, jsSer] = time(() => JsonTraceSerializer.serializeRequest(batch)!);
      add("client: serialize protobuf", pbSer);
      add("client: serialize JSON", jsSer);
      const [fromPb, pbDec] = time(() => screenExportRequest(decodeProtobufRequest(pb)));
      add("server: decode protobuf", pbDec);
      const [fromJs, jsDec] = time(() => parseExportRequest(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(js))));
      add("server: decode JSON (UTF-8, parse, zod)", jsDec);
      const parsed: ParsedRequest = b % 2 ? fromPb : fromJs;
      const [mapped, mapMs] = time(() => mapExportRequest(parsed));
      add("server: map spans to rows", mapMs);
      const t = performance.now();
      await upsertSpans(db, app.appId, mapped.rows);
      add("upsert (serialize rows + PostgreSQL, wall)", performance.now() - t);
    }
  } finally {
    await db.close();
    await database.stop();
  }
  // The first batches run unoptimised code (V8 compiles hot functions as they run): left out.
  const skip = Math.floor(BATCHES / 4);
  console.log(`one 512-span batch, median of ${BATCHES - skip} (first ${skip} left out as warm-up), ms:`);
  for (const [name, ms] of Object.entries(stages)) console.log(`${name.padEnd(44)} ${median(ms.slice(skip)).toFixed(2).padStart(8)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
