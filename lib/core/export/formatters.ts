// The three formats behind one small interface, so the paged pipeline does not care which it writes.
import type { ExportQuery } from "../filters";
import { csvColumns, csvHeader, csvRows } from "./csv-format";
import { ExampleFinisher, type Finished } from "./finetune/finish-example";
import { unitExample } from "./finetune/unit-examples";
import { exampleOfRecord, toOpenAiExample } from "./openai-format";
import { redactLine, redactLineBytes, redactRow } from "./redact/redact-rows";
import type { RedactionCounts } from "./redact/redact-text";
import type { UnitRows } from "./row-source";
import type { ExportRow, SkipReason } from "./types";

export interface Tally {
  exported: number;
  skipped: number;
  skip_reasons: Partial<Record<SkipReason, number>>;
  /** openai: tokens of the examples written. */
  tokens?: number;
  /** redact=true: replacements by kind. */
  redactions?: RedactionCounts;
}

/** The tally a page of this query starts from: tokens for openai, redactions with redact=true. */
export function emptyTally(q: Pick<ExportQuery, "format" | "redact">): Tally {
  const tally: Tally = { exported: 0, skipped: 0, skip_reasons: {} };
  if (q.format === "openai") tally.tokens = 0;
  if (q.redact) tally.redactions = {};
  return tally;
}

export interface Formatter {
  contentType: string;
  /** jsonl and openai end with an `_export_meta` line; csv carries its figures in headers. */
  hasTrailer: boolean;
  head(): string;
  /** Formats one chunk of jsonl lines (as PostgreSQL built them), counting into `tally`. */
  chunk(lines: string[], tally: Tally): string;
  /** jsonl and csv: rows PostgreSQL already wrote in this format, as bytes (copy-source.ts). */
  bytes?(lines: Uint8Array, rows: number, tally: Tally): Uint8Array;
  /** openai with unit=trace|session: one example per unit. */
  units?(units: UnitRows[], tally: Tally): string;
}

/** Rows PostgreSQL already wrote in the format (read with COPY): handed on as they are. */
function passBytes(records: Uint8Array, rows: number, tally: Tally): Uint8Array {
  tally.exported += rows;
  return records;
}

/** What jsonl and openai share: NDJSON lines, ending with the `_export_meta` trailer. */
const NDJSON_FILE = {
  contentType: "application/x-ndjson; charset=utf-8",
  hasTrailer: true,
  head: () => "",
} as const;

function jsonl(q: ExportQuery): Formatter {
  const redact = q.redact;
  return {
    ...NDJSON_FILE,
    chunk(lines, tally) {
      tally.exported += lines.length;
      const out = redact ? lines.map((l) => redactLine(l, tally.redactions!, q.lightweight)) : lines;
      return out.length ? out.join("\n") + "\n" : "";
    },
    // Without redact, no row is touched in JavaScript: PostgreSQL's bytes go out as they came.
    bytes: redact
      ? (records, rows, tally) => passBytes(redactLineBytes(Buffer.from(records.buffer, records.byteOffset, records.byteLength), tally.redactions!, q.lightweight), rows, tally)
      : passBytes,
  };
}

/** Counts one example written or skipped. */
function count(r: Finished, tally: Tally): string {
  if ("line" in r) {
    tally.exported++;
    tally.tokens = (tally.tokens ?? 0) + r.tokens;
    return r.line + "\n";
  }
  tally.skipped++;
  tally.skip_reasons[r.skip] = (tally.skip_reasons[r.skip] ?? 0) + 1;
  return "";
}

function openai(q: ExportQuery, tally: Tally, given?: ExampleFinisher): Formatter {
  // One finisher per page: dedupe remembers what this page wrote (a bulk job brings its own).
  const finisher = given ?? new ExampleFinisher({ fineTune: q.fineTune, redactions: tally.redactions });
  const unit = q.fineTune.unit === "session" ? "session" : "trace";
  return {
    ...NDJSON_FILE,
    chunk(lines, t) {
      let out = "";
      for (const line of lines) out += count(toOpenAiExample(JSON.parse(line) as ExportRow, finisher), t);
      return out;
    },
    // The page's COPY records (copy-source.ts, openai-sql.ts) in, example lines out, as bytes: a plain
    // generation's line is written as PostgreSQL sent it, never decoded and encoded again whole.
    bytes(records, _rows, t) {
      const buf = Buffer.from(records.buffer, records.byteOffset, records.byteLength);
      const out: Buffer[] = [];
      for (let from = 0, end = buf.indexOf(0x0a); end !== -1; from = end + 1, end = buf.indexOf(0x0a, from)) {
        const { result, lineAt } = exampleOfRecord(buf.subarray(from, end), finisher);
        const text = count(result, t);
        if (lineAt !== undefined) out.push(buf.subarray(from + lineAt, end + 1));
        else if (text) out.push(Buffer.from(text));
      }
      return out.length === 1 ? out[0] : Buffer.concat(out);
    },
    units(units, t) {
      let out = "";
      for (const u of units) out += count(u.skip ? { skip: u.skip, detail: "" } : unitExample(u.rows, finisher, unit), t);
      return out;
    },
  };
}

function csv(q: ExportQuery): Formatter {
  const columns = csvColumns(q.lightweight);
  return {
    contentType: "text/csv; charset=utf-8",
    hasTrailer: false,
    head: () => csvHeader(columns),
    chunk(lines, tally) {
      tally.exported += lines.length;
      const rows = lines.map((l) => JSON.parse(l) as ExportRow);
      return csvRows(columns, q.redact ? rows.map((r) => redactRow(r, tally.redactions!)) : rows);
    },
    // Records PostgreSQL built by the same rules (csv-sql.ts); never used with redact (pipeline.ts).
    bytes: passBytes,
  };
}

/**
 * The page's formatter; `tally` is the page's (openai's examples count redactions into it). `finisher`
 * (openai): one that knows what a bulk job wrote before (lib/core/export-jobs/job-dedupe.ts).
 */
export function formatterFor(q: ExportQuery, tally: Tally, finisher?: ExampleFinisher): Formatter {
  if (q.format === "openai") return openai(q, tally, finisher);
  if (q.format === "csv") return csv(q);
  return jsonl(q);
}
