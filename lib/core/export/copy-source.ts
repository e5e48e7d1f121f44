// Row sources that read with `COPY … TO STDOUT` (PostgreSQL only; PGlite keeps row-source.ts): the page's
// records are built by PostgreSQL and handed on as its bytes, in pieces, without becoming JS strings.
// - jsonl: the page and one row more (whether it exists tells whether another page follows), by keyset.
// - csv: the page's keys are read first (its figures are headers), then its records by id (csv-sql.ts).
import { CopyLines, type CopyPiece } from "./copy-lines";
import { csvCopySql } from "./csv-sql";
import { cursorAfter, readPageKeys, type RowKey } from "./page-keys";
import type { SqlReader } from "./reader";
import { pageCopySql } from "./row-lines";
import type { Ctx, RowSource } from "./row-source";

type CopyOut = NonNullable<SqlReader["copyOut"]>;

/**
 * Bytes of COPY output gathered before they are handed on (after the first record, which goes at once):
 * PostgreSQL sends 8 KB at a time, and writing each to the client as it came cost ~12 ms of the
 * server's CPU per 3.4 MB page in socket writes alone (a CPU profile); 256 KB pieces cost a tenth.
 */
export const COPY_PIECE_BYTES = 256 * 1024;

/** The COPY's complete records in pieces; read to its end even past `lines`' limit, which costs one row. */
async function* copyPieces(output: AsyncGenerator<Buffer, void, undefined>, lines: CopyLines): AsyncGenerator<CopyPiece, void, undefined> {
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

/** The key of a jsonl line (its timestamp carries the microseconds the cursor needs). */
function keyOfLine(line: Buffer): RowKey {
  const row = JSON.parse(line.toString("utf8")) as { timestamp: string; span_id: string; trace_id: string };
  return { ts: row.timestamp, span_id: row.span_id, trace_id: row.trace_id };
}

/**
 * jsonl and openai: the page as one COPY (one read in all). jsonl hands the bytes on; openai, which
 * rewrites every row in JavaScript, gets them as lines.
 */
export function copySource({ appId, q, cutoff }: Ctx, copyOut: CopyOut): RowSource {
  const lines = new CopyLines(q.limit);
  let next: string | null = null;
  let read = 0;
  return {
    chunksPlanned: 1,
    chunksRead: () => read,
    nextCursor: () => next,
    async *chunks() {
      let last: RowKey | undefined;
      for await (const piece of copyPieces(copyOut(pageCopySql(appId, q, cutoff)), lines)) {
        last = keyOfLine(piece.lastLine!);
        if (q.format === "jsonl") yield { bytes: piece.bytes, rows: piece.rows, last };
        else yield { lines: piece.bytes.toString("utf8").split("\n", piece.rows), last };
      }
      read = 1;
      next = lines.more && last ? cursorAfter(last) : null;
    },
  };
}

/** csv: the page's keys now (one query), so its size and next cursor are known before the body; then one COPY. */
export async function csvCopySource({ db, appId, q, cutoff }: Ctx, copyOut: CopyOut): Promise<RowSource & { pageRows: number }> {
  const page = await readPageKeys(db, appId, q, cutoff);
  const rows = page.keys.length;
  let read = 0;
  return {
    pageRows: rows,
    chunksPlanned: rows ? 1 : 0,
    chunksRead: () => read,
    nextCursor: () => page.nextCursor,
    async *chunks() {
      if (rows === 0) return;
      const sql = csvCopySql(appId, page.keys, { lightweight: q.lightweight, cutoff });
      for await (const piece of copyPieces(copyOut(sql), new CopyLines(rows))) yield { bytes: piece.bytes, rows: piece.rows };
      read = 1;
    },
  };
}
