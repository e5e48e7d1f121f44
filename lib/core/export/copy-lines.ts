// A page of lines read with `COPY (SELECT line …) TO STDOUT (FORMAT binary)` (one text column), as
// bytes that never become JS strings: PostgreSQL's own bytes go from its socket to the response, which
// took a third of the server's CPU off a 2,000-row export (docs/performance.md). The binary format,
// not the text one, because it escapes nothing: in the text format PostgreSQL scans every byte of
// every line for characters to escape (~1.7 ms of its CPU a 2,000-row page, 7 %) and the server had to
// undo each escape (one copy per backslash: every "\n" or "\"" inside a JSON string has one).
//
// The format (PostgreSQL's docs, "COPY", Binary Format): an 11-byte signature, an int32 of flags and an
// int32 header-extension length (plus that many bytes); then per row an int16 field count and, for
// each field, an int32 length and that many bytes (-1: NULL); then an int16 -1 ending the data. A
// text value is sent as its UTF-8 bytes, as they are (the connection's client_encoding is UTF8).

const NEWLINE = 0x0a;
const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** The signature, the flags and the header extension's length. */
const HEADER_BYTES = SIGNATURE.length + 8;
/** A row's field count (int16) and its one field's length (int32). */
const ROW_HEAD_BYTES = 6;
const END_OF_DATA = -1;

export interface CopyPiece {
  /** Complete lines, each ending in "\n". */
  bytes: Buffer;
  rows: number;
  /** The last of them, without its "\n" (undefined when there are none). */
  lastLine?: Buffer;
}

/**
 * Cuts binary COPY output of one text column, arriving in pieces of any size, into lines (each value
 * and a "\n"), and keeps at most `limit` of them: a page reads limit + 1 rows, and the one past the
 * limit only tells that more follow.
 */
export class CopyLines {
  private carry: Buffer = Buffer.alloc(0);
  private taken = 0;
  private header = true;
  private ended = false;
  /** True once a row past the limit arrived. */
  more = false;

  constructor(private readonly limit: number) {}

  /** The complete lines in what arrived so far (`chunks`, in order, after what came before). */
  push(...chunks: Buffer[]): CopyPiece {
    // One copy at most: the row cut off last time and everything new, joined.
    const data = this.carry.length || chunks.length !== 1 ? Buffer.concat([this.carry, ...chunks]) : chunks[0];
    let at = 0;
    if (this.header) {
      if (data.length < HEADER_BYTES) return this.keep(data, 0, []);
      at = headerLength(data);
      if (data.length < at) return this.keep(data, 0, []);
      this.header = false;
    }
    // The kept values' [start, end) offsets in `data`.
    const values: number[] = [];
    while (!this.ended && data.length - at >= 2) {
      const fields = data.readInt16BE(at);
      if (fields === END_OF_DATA) {
        this.ended = true;
        at += 2;
        break;
      }
      if (data.length - at < ROW_HEAD_BYTES) break;
      const length = data.readInt32BE(at + 2);
      if (fields !== 1 || length < 0) throw new Error(`unexpected COPY row: ${fields} fields, length ${length}`);
      const end = at + ROW_HEAD_BYTES + length;
      if (end > data.length) break;
      if (this.taken < this.limit) {
        values.push(at + ROW_HEAD_BYTES, end);
        this.taken++;
      } else {
        this.more = true;
      }
      at = end;
    }
    return this.keep(data, at, values);
  }

  /** Keeps what follows `at` for the next push and joins the values, each with a "\n". */
  private keep(data: Buffer, at: number, values: number[]): CopyPiece {
    // Copied: the chunk's memory is not ours to keep.
    this.carry = at < data.length ? Buffer.from(data.subarray(at)) : Buffer.alloc(0);
    if (values.length === 0) return { bytes: Buffer.alloc(0), rows: 0 };
    let size = values.length / 2;
    for (let i = 0; i < values.length; i += 2) size += values[i + 1] - values[i];
    const bytes = Buffer.allocUnsafe(size);
    let length = 0;
    for (let i = 0; i < values.length; i += 2) {
      length += data.copy(bytes, length, values[i], values[i + 1]);
      bytes[length++] = NEWLINE;
    }
    const lastLength = values.at(-1)! - values.at(-2)!;
    return { bytes, rows: values.length / 2, lastLine: bytes.subarray(length - 1 - lastLength, length - 1) };
  }

  /** Throws unless the output ended where PostgreSQL ends it (a cut stream ends elsewhere). */
  end(): void {
    if (!this.ended || this.carry.length) throw new Error("COPY output ended inside a row");
  }
}

/** The header's length (signature, flags, extension), once its first HEADER_BYTES have arrived. */
function headerLength(data: Buffer): number {
  if (!data.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error("not binary COPY output");
  return HEADER_BYTES + data.readInt32BE(SIGNATURE.length + 4);
}

/** `COPY (select) TO STDOUT` in the format CopyLines reads. */
export const copyStatement = (select: string) => `COPY (${select}) TO STDOUT (FORMAT binary)`;
