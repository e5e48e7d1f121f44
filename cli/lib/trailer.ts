// jsonl and openai exports end with one `{"_export_meta":{…}}` line that is about the export, not part
// of the data. Rows are passed on as they arrive, except the last complete line seen so far (and any
// partial line after it), which is held back until the next line proves it was not the last: memory
// stays at about one row whatever the export size.
import { z } from "zod";

const NL = 0x0a;

export const exportMetaSchema = z.object({
  // Nullable: a failure trailer may not know the total (lib/core/export/trailer.ts).
  total: z.number().nullable().optional(),
  exported: z.number().nullable().optional(),
  skipped: z.number().nullable().optional(),
  skip_reasons: z.record(z.string(), z.number()).nullable().optional(),
  next_cursor: z.string().nullable().optional(),
  error: z.unknown().optional(),
});

export type ExportMeta = z.infer<typeof exportMetaSchema>;

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
    let end = text.length;
    while (end > 0 && (text[end - 1] === NL || text[end - 1] === 0x0d)) end--;
    const start = end === 0 ? 0 : text.lastIndexOf(NL, end - 1) + 1;
    const meta = parseTrailer(text.subarray(start, end).toString("utf8"));
    if (!meta) return { rest: text };
    return { rest: text.subarray(0, start), meta };
  }
}

/** The `_export_meta` object of a trailer line, or undefined when the line is not a trailer. */
export function parseTrailer(line: string): ExportMeta | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== "_export_meta") return undefined;
  const r = exportMetaSchema.safeParse((value as { _export_meta: unknown })._export_meta);
  return r.success ? r.data : undefined;
}
