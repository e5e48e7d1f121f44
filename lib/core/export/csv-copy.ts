// The csv page's COPY output (csv-sql.ts, `COPY … (FORMAT csv)`) made into papaparse's bytes. PostgreSQL
// ends each row with "\n" where papaparse writes "\r\n", and writes a row papaparse's extra rules touch
// as one quoted cell holding the finished record, followed by empty cells. So each row is either
// - plain: its bytes up to "\n" are the record as papaparse writes it (no cell of such a row holds a
//   line break: its text cells were checked, JSON text escapes them), and it never starts with a quote
//   (its first cell, the trace id, needs no quoting); or
// - one quoted cell and `columns - 1` commas: the record is that cell with its doubled quotes undone.
// The first line (the page's figures) is such a cell too (csvFirstCell).
import type { CopyPiece } from "./copy-lines";

const QUOTE = 0x22;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const CRLF = Buffer.from("\r\n");

/** A quoted cell starting at `from` (its opening quote): its text, and where it ends; null while it is cut off. */
function quotedCell(data: Buffer, from: number): { text: Buffer; end: number } | null {
  const parts: Buffer[] = [];
  let start = from + 1;
  for (let at = data.indexOf(QUOTE, start); at !== -1; at = data.indexOf(QUOTE, start)) {
    if (at + 1 >= data.length) return null; // a doubled quote or the closing one: the next byte tells
    if (data[at + 1] !== QUOTE) {
      parts.push(data.subarray(start, at));
      return { text: parts.length === 1 ? parts[0] : Buffer.concat(parts), end: at + 1 };
    }
    parts.push(data.subarray(start, at + 1)); // one quote of the two
    start = at + 2;
  }
  return null;
}

/** The first cell of a COPY csv line that starts with a quoted cell (the csv page's figures line). */
export function csvFirstCell(line: Buffer): string {
  const cell = line[0] === QUOTE ? quotedCell(line, 0) : null;
  if (!cell) throw new Error("the csv page's first line is not a quoted cell");
  return cell.text.toString("utf8");
}

/** Cuts the rows of a csv page's COPY output, arriving in pieces of any size, into papaparse's records. */
export class CsvCopyRecords {
  private carry: Buffer = Buffer.alloc(0);

  /** `columns`: the page's number of cells per row. */
  constructor(private readonly columns: number) {}

  /** The complete records in what arrived so far (`chunks`, in order, after what came before). */
  push(...chunks: Buffer[]): CopyPiece {
    const data = this.carry.length || chunks.length !== 1 ? Buffer.concat([this.carry, ...chunks]) : chunks[0];
    const out: Buffer[] = [];
    let rows = 0;
    let at = 0;
    while (at < data.length) {
      let next: number;
      if (data[at] === QUOTE) {
        const cell = quotedCell(data, at);
        const end = cell ? cell.end + this.columns - 1 : data.length; // the row's "\n"
        if (!cell || end >= data.length) break;
        for (let i = cell.end; i < end; i++) if (data[i] !== COMMA) throw new Error("unexpected cells after a csv record in COPY output");
        if (data[end] !== NEWLINE) throw new Error("unexpected cells after a csv record in COPY output");
        out.push(cell.text, CRLF);
        next = end + 1;
      } else {
        const end = data.indexOf(NEWLINE, at);
        if (end === -1) break;
        out.push(data.subarray(at, end), CRLF);
        next = end + 1;
      }
      rows++;
      at = next;
    }
    // Copied: the chunk's memory is not ours to keep.
    this.carry = at < data.length ? Buffer.from(data.subarray(at)) : Buffer.alloc(0);
    return { bytes: rows ? Buffer.concat(out) : Buffer.alloc(0), rows };
  }

  /** Throws when the COPY ended inside a row (it never does unless the stream was cut). */
  end(): void {
    if (this.carry.length) throw new Error("COPY output ended inside a row");
  }
}
