// The paged export pipeline: `total` counted in parallel with the page, rows read one chunk at a time
// and formatted as they arrive, so memory stays flat whatever the page size. The body is an async
// generator; it is primed (its first chunk read) before the caller builds a Response, so anything that
// fails early still becomes an error response rather than a broken stream.
import type { ExportQuery } from "../filters";
import { retentionCutoff } from "../retention";
import { emptyTally, formatterFor, type Formatter, type Tally } from "./formatters";
import { unitSource } from "./finetune/unit-source";
import { countUnits } from "./finetune/unit-walk";
import type { RedactionCounts } from "./redact/redact-text";
import { countMatching, cursorAfter, type RowKey } from "./page-keys";
import type { Db } from "../db";
import { copySource, csvCopySource } from "./copy-source";
import { idSource, keysetSource, type RowSource } from "./row-source";
import { errorTrailerLine, summaryOf, trailerLine } from "./trailer";
import type { ExportOptions } from "./types";
import { walkOf, type Walk } from "./walk-total";

export interface ExportOutcome {
  status: "completed" | "cancelled" | "failed";
  /** Row chunks read from the database, out of at most `chunksPlanned`. */
  chunksRead: number;
  chunksPlanned: number;
  exported: number;
  skipped: number;
  error?: unknown;
}

export interface StartExportOptions extends ExportOptions {
  /** Stops reading at the next chunk boundary once aborted (the client went away). */
  signal?: AbortSignal;
  /** Called once when the body ends, however it ends: for the server's log. */
  onEnd?: (outcome: ExportOutcome) => void;
}

export interface PreparedExport {
  formatter: Formatter;
  /** CSV only (its page is read up front): rows in this page and the cursor of the next. */
  page?: { rows: number; nextCursor: string | null; redactions?: RedactionCounts };
  /** All matching rows; counted in parallel with the page. */
  total: Promise<number>;
  /** The body, chunk by chunk (text, or bytes as PostgreSQL sent them); its first chunk is already read. */
  body: AsyncGenerator<BodyPiece, void, undefined>;
}

export type BodyPiece = string | Uint8Array;

interface Progress {
  lastWritten?: RowKey;
  aborted: boolean;
}

/** Characters of rows formatted and handed on at a time (a chunk of 500 full rows is ~1 MB). */
export const PIECE_CHARS = 64 * 1024;

/** Splits a chunk's lines into runs of about PIECE_CHARS characters. */
export function* pieces(lines: string[], size = PIECE_CHARS): Generator<string[], void, undefined> {
  let from = 0;
  let chars = 0;
  for (let i = 0; i < lines.length; i++) {
    chars += lines[i].length;
    if (chars >= size) {
      yield lines.slice(from, i + 1);
      from = i + 1;
      chars = 0;
    }
  }
  if (from < lines.length) yield lines.slice(from);
}

async function* readChunks(
  source: RowSource,
  total: Promise<number>,
  walk: Walk,
  fmt: Formatter,
  tally: Tally,
  progress: Progress,
  signal: AbortSignal | undefined,
): AsyncGenerator<BodyPiece, void, undefined> {
  let pending = fmt.head();
  let first = true;
  const chunks = source.chunks();
  try {
    for (;;) {
      if (signal?.aborted) {
        progress.aborted = true;
        return;
      }
      const { value: chunk, done } = await chunks.next();
      if (done) break;
      if ("text" in chunk) {
        if (pending) yield pending;
        pending = "";
        if (chunk.text) yield chunk.text;
      } else if ("units" in chunk) {
        const text = pending + fmt.units!(chunk.units, tally);
        pending = "";
        if (text) yield text;
      } else if ("bytes" in chunk) {
        if (!fmt.bytes) throw new Error("this format cannot take rows as bytes");
        if (pending) yield pending;
        pending = "";
        yield fmt.bytes(chunk.bytes, chunk.rows, tally);
      } else {
        // Formatted and handed on in pieces of ~64 KB, not as one string per chunk: a chunk's text, its
        // UTF-8 copy and the socket's buffer would otherwise each hold the whole chunk at once. The first
        // chunk (read before the response started) goes out whole, as the body's first read promises.
        const runs = first ? [chunk.lines] : pieces(chunk.lines);
        for (const run of runs) {
          if (signal?.aborted) {
            progress.aborted = true;
            return;
          }
          const text = pending + fmt.chunk(run, tally);
          pending = "";
          if (text) yield text;
        }
      }
      first = false;
      // The generator resumes only after the consumer took the chunk's last piece: written then.
      if (chunk.last) progress.lastWritten = chunk.last;
    }
  } finally {
    await chunks.return(undefined);
  }
  if (pending) yield pending;
  if (fmt.hasTrailer) {
    const n = await total;
    yield trailerLine(summaryOf(n, tally, walk.stamp(source.nextCursor(), n)));
  }
}

/** How long a failed body waits for the count before writing its error line with total: null. */
const TOTAL_WAIT_ON_ERROR_MS = 1_000;

/** The promise's value if it settles in time, else null (a rejection counts as null too). */
function settledWithin<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([p.catch(() => null), late]).finally(() => clearTimeout(timer));
}

async function* guarded(
  first: BodyPiece,
  rest: AsyncGenerator<BodyPiece, void, undefined>,
  fmt: Formatter,
  tally: Tally,
  progress: Progress,
  source: RowSource,
  total: Promise<number>,
  walk: Walk,
  onEnd: StartExportOptions["onEnd"],
): AsyncGenerator<BodyPiece, void, undefined> {
  // Until the body runs to its end, leaving this generator means the consumer cancelled it.
  let status: ExportOutcome["status"] = "cancelled";
  let error: unknown;
  try {
    yield first;
    yield* rest; // return() from the consumer is forwarded into `rest`, which then stops reading
    status = progress.aborted ? "cancelled" : "completed";
  } catch (err) {
    status = "failed";
    error = err;
    if (!fmt.hasTrailer) throw err; // CSV has no trailer: fail the transfer so the file is not taken as whole
    // The count may be lost with the same connection: waiting for it could keep the body open for ever.
    const knownTotal = await settledWithin(total, TOTAL_WAIT_ON_ERROR_MS);
    yield errorTrailerLine(
      "The export failed midway; the rows above are incomplete. Resume from next_cursor.",
      summaryOf(knownTotal, tally, walk.stamp(progress.lastWritten ? cursorAfter(progress.lastWritten) : null, knownTotal)),
    );
  } finally {
    await rest.return(undefined); // a no-op unless cancelled before `rest` was entered
    onEnd?.({ status, chunksRead: source.chunksRead(), chunksPlanned: source.chunksPlanned, exported: tally.exported, skipped: tally.skipped, error });
  }
}

/**
 * A source read to its end now and formatted, for a page whose figures (headers) depend on its
 * content: csv with redact=true. Memory holds the page's text, at most `limit` formatted rows.
 */
async function preformatted(source: RowSource, fmt: Formatter, tally: Tally): Promise<RowSource> {
  const texts: string[] = [];
  const chunks = source.chunks();
  let last: RowKey | undefined;
  for await (const chunk of chunks) {
    if (!("lines" in chunk)) throw new Error("a preformatted page is read as lines");
    texts.push(fmt.chunk(chunk.lines, tally));
    last = chunk.last ?? last;
  }
  // The body writes what was formatted here; the tally already counts it.
  return {
    chunksPlanned: source.chunksPlanned,
    chunksRead: source.chunksRead,
    nextCursor: source.nextCursor,
    async *chunks() {
      yield { text: texts.join(""), last };
    },
  };
}

/** Starts the count, reads the first chunk (and, for CSV, the page's keys); the rest is read as the body is consumed. */
export async function prepareExport(
  db: Db,
  appId: string,
  asked: ExportQuery,
  opts: StartExportOptions,
): Promise<PreparedExport> {
  const cutoff = retentionCutoff(opts.retentionDays, opts.now);
  // The walk's total, when the cursor carries it for these filters; else counted now (walk-total.ts).
  const walk = walkOf(asked);
  const q = walk.query;
  const byUnit = q.format === "openai" && q.fineTune.unit !== "span";
  const total =
    walk.total !== undefined ? Promise.resolve(walk.total) : byUnit ? countUnits(db, appId, q, cutoff) : countMatching(db, appId, q, cutoff);
  total.catch(() => {}); // awaited later; never an unhandled rejection if the body stops first
  const ctx = { db, appId, q, cutoff };
  const tally = emptyTally(q);
  const fmt = formatterFor(q, tally);
  let source: RowSource;
  let page: PreparedExport["page"];
  // On PostgreSQL, jsonl and csv records are built by the database and read with COPY (copy-source.ts).
  const copyOut = db.copyOut?.bind(db);
  if (q.format === "csv" && q.redact) {
    // The redactions are a header, so the page is redacted and formatted before the body starts.
    const ids = await idSource(ctx);
    source = await preformatted(ids, fmt, tally);
    page = { rows: ids.pageRows, nextCursor: walk.stamp(ids.nextCursor(), await total), redactions: tally.redactions };
  } else if (q.format === "csv") {
    // The headers wait for the total anyway; the cursor in them carries it.
    const ids = copyOut ? await csvCopySource(ctx, copyOut) : await idSource(ctx);
    source = ids;
    page = { rows: ids.pageRows, nextCursor: walk.stamp(ids.nextCursor(), await total) };
  } else if (byUnit) {
    source = unitSource(ctx);
  } else if (copyOut) {
    source = copySource(ctx, copyOut);
  } else {
    source = keysetSource(ctx);
  }
  const progress: Progress = { aborted: false };
  const rest = readChunks(source, total, walk, fmt, tally, progress, opts.signal);
  const first = await rest.next();
  const body = guarded(first.done ? "" : first.value, rest, fmt, tally, progress, source, total, walk, opts.onEnd);
  return { formatter: fmt, page, total, body };
}
