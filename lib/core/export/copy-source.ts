// Row sources that read with `COPY … TO STDOUT` (PostgreSQL only; PGlite keeps row-source.ts): the page's
// records are built by PostgreSQL and handed on as its bytes, in pieces, without becoming JS strings.
// - jsonl and openai: `(FORMAT binary)` (copy-lines.ts), the page and one row more (whether it exists
//   tells whether another page follows), by keyset; openai's records hold only what its examples need
//   (openai-sql.ts).
// - csv: one COPY (FORMAT csv) whose first line is the page's size and next cursor (headers), then its rows
//   (csv-sql.ts), made into papaparse's records by csv-copy.ts.
import { CopyLines, type CopyPiece } from "./copy-lines";
import { csvFirstCell, CsvCopyRecords } from "./csv-copy";
import { csvColumns } from "./csv-format";
import { csvPageCopySql, type CsvPageMeta } from "./csv-sql";
import { cursorAfter, type RowKey } from "./page-keys";
import type { Db } from "../db";
import { openaiPageCopySql } from "./openai-sql";
import { pageCopySql } from "./row-lines";
import type { Ctx, RowSource } from "./row-source";

type CopyOut = NonNullable<Db["copyOut"]>;

/**
 * Bytes of COPY output gathered before they are handed on (after the first record, which goes at once):
 * PostgreSQL sends 8 KB at a time, and writing each to the client as it came cost ~12 ms of the
 * server's CPU per 3.4 MB page in socket writes alone (a CPU profile); 256 KB pieces cost a tenth.
 */
export const COPY_PIECE_BYTES = 256 * 1024;

/** The COPY's complete records in pieces; read to its end even past `lines`' limit, which costs one row. */
async function* copyPieces(output: AsyncGenerator<Buffer, void, undefined>, lines: Pick<CopyLines, "push" | "end">): AsyncGenerator<CopyPiece, void, undefined> {
  let gathered: Buffer[] = [];
  let size = 0;
  let wanted = 1; // the first piece leaves as soon as it holds a record
  for await (const data of output) {
    gathered.push(data);
    size += data.length;
    if (size < wanted) continue;
    const piece = lines.push(...gathered);
    gathered = [];
    size = 0;
    if (piece.rows === 0) continue;
    wanted = COPY_PIECE_BYTES;
    yield piece;
  }
  const piece = lines.push(...gathered);
  if (piece.rows > 0) yield piece;
  lines.end();
}

/**
 * A row's key from JSON text that starts with its line's head (row-lines.ts, LINE_HEAD): a jsonl line, or
 * an openai record's key (openai-sql.ts), the head closed with `}` before the record's first tab. The
 * head's timestamp carries the microseconds the cursor needs.
 */
function keyOfJson(json: Buffer): RowKey {
  const row = JSON.parse(json.toString("utf8")) as { timestamp: string; span_id: string; trace_id: string };
  return { ts: row.timestamp, span_id: row.span_id, trace_id: row.trace_id };
}

const keyOfRecord = (record: Buffer) => keyOfJson(record.subarray(0, record.indexOf(0x09)));

/**
 * jsonl and openai: the page as one COPY (one read in all), handed on as bytes: jsonl's lines as they
 * are; openai's records of what its examples need (openai-sql.ts), which its formatter turns into lines.
 */
export function copySource({ appId, q, cutoff }: Ctx, copyOut: CopyOut): RowSource {
  const openai = q.format === "openai";
  // Plain generations' lines are written by PostgreSQL unless an option needs every example whole.
  const sql = openai ? openaiPageCopySql(appId, q, cutoff, !q.redact && !q.fineTune.dedupe) : pageCopySql(appId, q, cutoff);
  const keyOf = openai ? keyOfRecord : keyOfJson;
  const lines = new CopyLines(q.limit);
  let next: string | null = null;
  let read = 0;
  return {
    chunksPlanned: 1,
    chunksRead: () => read,
    nextCursor: () => next,
    async *chunks() {
      let last: RowKey | undefined;
      for await (const piece of copyPieces(copyOut(sql), lines)) {
        last = keyOf(piece.lastLine!);
        yield { bytes: piece.bytes, rows: piece.rows, last };
      }
      read = 1;
      next = lines.more && last ? cursorAfter(last) : null;
    },
  };
}

/**
 * The first line of a COPY's output as it came (a csv COPY escapes nothing), and the rest of the
 * output as it arrives. The output is closed (its connection released) when reading the first line fails.
 */
export async function firstLine(output: AsyncGenerator<Buffer, void, undefined>): Promise<{ line: Buffer; rest: AsyncGenerator<Buffer, void, undefined> }> {
  const seen: Buffer[] = [];
  try {
    for (;;) {
      const { value, done } = await output.next();
      if (done) throw new Error("COPY output ended before its first line");
      const at = value.indexOf(0x0a);
      if (at === -1) {
        seen.push(value);
        continue;
      }
      const line = Buffer.concat([...seen, value.subarray(0, at)]);
      const tail = value.subarray(at + 1);
      async function* rest(): AsyncGenerator<Buffer, void, undefined> {
        try {
          if (tail.length) yield tail;
          yield* output;
        } finally {
          await output.return(undefined); // also when stopped at the tail, before `output` was reached again
        }
      }
      return { line, rest: rest() };
    }
  } catch (err) {
    await output.return(undefined);
    throw err;
  }
}

/**
 * csv: one COPY (csv-sql.ts) whose first line tells the page's size and next cursor, which are
 * headers and must be known before the body; the records follow in the same output.
 */
export async function csvCopySource({ appId, q, cutoff }: Ctx, copyOut: CopyOut): Promise<RowSource & { pageRows: number }> {
  const output = copyOut(csvPageCopySql(appId, q, cutoff));
  const { line, rest } = await firstLine(output);
  let meta: CsvPageMeta;
  try {
    meta = JSON.parse(csvFirstCell(line)) as CsvPageMeta;
  } catch (err) {
    await output.return(undefined); // `rest` has not started, so closing it would not reach `output`
    throw err;
  }
  const nextCursor = meta.more && meta.ts !== null ? cursorAfter({ ts: meta.ts, span_id: meta.span_id!, trace_id: meta.trace_id! }) : null;
  let read = 0;
  return {
    pageRows: meta.rows,
    chunksPlanned: 1,
    chunksRead: () => read,
    nextCursor: () => nextCursor,
    async *chunks() {
      const lines = new CsvCopyRecords(csvColumns(q.lightweight).length);
      let rows = 0;
      for await (const piece of copyPieces(rest, lines)) {
        rows += piece.rows;
        yield { bytes: piece.bytes, rows: piece.rows };
      }
      read = 1;
      // Never expected (one snapshot); but headers that promised other rows must not pass as a whole file.
      if (rows !== meta.rows) throw new Error(`the csv page held other rows than its headers say (${meta.rows})`);
    },
  };
}
