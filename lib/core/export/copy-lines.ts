// A page of jsonl lines read with `COPY (SELECT line …) TO STDOUT` (text format, one text column), as
// bytes that never become JS strings: PostgreSQL's own bytes go from its socket to the response, which
// took a third of the server's CPU off a 2,000-row export (docs/performance.md). In that format each row
// is the column's text with backslashes and control characters escaped, ending in "\n". JSON text holds
// no raw control characters, so in practice only "\\" occurs; the others are undone too, for safety.
// UTF-8 continuation bytes are all >= 0x80, so a "\" or "\n" byte is always that character.

const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
/** COPY's escapes (after a backslash) and the bytes they stand for. */
const UNESCAPED = new Map<number, number>([
  [BACKSLASH, BACKSLASH],
  [0x6e, NEWLINE], // n
  [0x72, 0x0d], // r
  [0x74, 0x09], // t
  [0x62, 0x08], // b
  [0x66, 0x0c], // f
  [0x76, 0x0b], // v
]);

/** COPY text-format rows with their escapes undone. A `\N` (NULL) is an error: a line is never null. */
export function unescapeCopyText(data: Buffer): Buffer {
  let at = data.indexOf(BACKSLASH);
  if (at === -1) return data;
  const out = Buffer.allocUnsafe(data.length);
  let from = 0;
  let length = 0;
  while (at !== -1) {
    length += data.copy(out, length, from, at);
    const byte = UNESCAPED.get(data[at + 1]);
    if (byte === undefined) throw new Error(`unexpected escape \\${String.fromCharCode(data[at + 1])} in COPY output`);
    out[length++] = byte;
    from = at + 2;
    at = data.indexOf(BACKSLASH, from);
  }
  length += data.copy(out, length, from);
  return out.subarray(0, length);
}

export interface CopyPiece {
  /** Complete lines, each ending in "\n", unescaped. */
  bytes: Buffer;
  rows: number;
  /** The last of them, without its "\n" (undefined when there are none). */
  lastLine?: Buffer;
}

/**
 * Cuts COPY output, arriving in pieces of any size, into complete lines, and keeps at most `limit` of
 * them: a page reads limit + 1 rows, and the one past the limit only tells that more follow.
 */
export class CopyLines {
  private carry: Buffer = Buffer.alloc(0);
  private taken = 0;
  /** True once a row past the limit arrived. */
  more = false;

  constructor(private readonly limit: number) {}

  /** The complete lines in what arrived so far (`chunks`, in order, after what came before). */
  push(...chunks: Buffer[]): CopyPiece {
    if (this.taken >= this.limit) {
      if (chunks.some((c) => c.length)) this.more = true;
      return { bytes: Buffer.alloc(0), rows: 0 };
    }
    // One copy at most: the row cut off last time and everything new, joined.
    const data = this.carry.length || chunks.length !== 1 ? Buffer.concat([this.carry, ...chunks]) : chunks[0];
    let end = 0;
    let lastStart = 0;
    let rows = 0;
    for (let at = data.indexOf(NEWLINE); at !== -1 && this.taken + rows < this.limit; at = data.indexOf(NEWLINE, end)) {
      lastStart = end;
      end = at + 1;
      rows++;
    }
    this.taken += rows;
    const rest = data.subarray(end);
    if (this.taken >= this.limit) {
      if (rest.length) this.more = true;
      this.carry = Buffer.alloc(0);
    } else {
      // Copied: the chunk's memory is not ours to keep.
      this.carry = Buffer.from(rest);
    }
    if (rows === 0) return { bytes: Buffer.alloc(0), rows: 0 };
    const lines = unescapeCopyText(data.subarray(0, end));
    const lastLine = unescapeCopyText(data.subarray(lastStart, end - 1));
    return { bytes: lines, rows, lastLine };
  }

  /** Throws when the COPY ended inside a row (it never does unless the stream was cut). */
  end(): void {
    if (this.carry.length) throw new Error("COPY output ended inside a row");
  }
}
