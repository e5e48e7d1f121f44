// jsonl and openai exports end with one `{"_export_meta":{…}}` line that is about the export, not part
// of the data. Rows are passed on as they arrive, except the last complete line seen so far (and any
// partial line after it), which is held back until the next line proves it was not the last: memory
// stays at about one row whatever the export size.
import { lastLine, parseTrailer, type ExportMeta } from "../../lib/core/export/trailer";

const NL = 0x0a;

export class TrailerSplitter {
  private held: Buffer = Buffer.alloc(0);

  /** Takes a chunk of the body; returns the bytes that are certainly data and can be written now. */
  push(chunk: Uint8Array): Buffer {
    const buf = this.held.length ? Buffer.concat([this.held, chunk]) : Buffer.from(chunk);
    const last = buf.lastIndexOf(NL);
    if (last < 0) {
      this.held = buf;
      return Buffer.alloc(0);
    }
    // `last` closes the newest complete line: hold it (and any partial line after it), pass the rest.
    // (A negative offset would search from the end in Buffer.lastIndexOf, hence the guard.)
    const cut = last === 0 ? 0 : buf.lastIndexOf(NL, last - 1) + 1;
    this.held = buf.subarray(cut);
    return buf.subarray(0, cut);
  }

  /**
   * At the end of the body: the data still held (every line but the trailer) and the trailer itself,
   * or no trailer when the last line is not one (a truncated stream).
   */
  finish(): { rest: Buffer; meta?: ExportMeta } {
    const text = this.held;
    const { start, end } = lastLine(text);
    const meta = parseTrailer(text.subarray(start, end).toString("utf8"));
    if (!meta) return { rest: text };
    return { rest: text.subarray(0, start), meta };
  }
}
