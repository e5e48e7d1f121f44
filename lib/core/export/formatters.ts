// The three formats behind one small interface, so the paged pipeline does not care which it writes.
import type { Format } from "../filters";
import { csvColumns, csvHeader, csvRows } from "./csv-format";
import { toOpenAiExample } from "./openai-format";
import type { ExportRow, SkipReason } from "./types";

export interface Tally {
  exported: number;
  skipped: number;
  skip_reasons: Partial<Record<SkipReason, number>>;
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

function jsonl(): Formatter {
  return {
    ...NDJSON_FILE,
    chunk(lines, tally) {
      tally.exported += lines.length;
      return lines.length ? lines.join("\n") + "\n" : "";
    },
    bytes: passBytes,
  };
}

function openai(): Formatter {
  return {
    ...NDJSON_FILE,
    chunk(lines, tally) {
      let out = "";
      for (const line of lines) {
        const r = toOpenAiExample(JSON.parse(line) as ExportRow);
        if ("line" in r) {
          out += r.line + "\n";
          tally.exported++;
        } else {
          tally.skipped++;
          tally.skip_reasons[r.skip] = (tally.skip_reasons[r.skip] ?? 0) + 1;
        }
      }
      return out;
    },
  };
}

function csv(lightweight: boolean): Formatter {
  const columns = csvColumns(lightweight);
  return {
    contentType: "text/csv; charset=utf-8",
    hasTrailer: false,
    head: () => csvHeader(columns),
    chunk(lines, tally) {
      tally.exported += lines.length;
      return csvRows(columns, lines.map((l) => JSON.parse(l) as ExportRow));
    },
    // Records PostgreSQL built by the same rules (csv-sql.ts).
    bytes: passBytes,
  };
}

export function formatterFor(format: Format, lightweight: boolean): Formatter {
  if (format === "openai") return openai();
  if (format === "csv") return csv(lightweight);
  return jsonl();
}
