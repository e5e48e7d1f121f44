// Where a page's rows come from, chunk by chunk. These sources and the COPY ones (copy-source.ts) share one shape:
// - by keyset (jsonl, openai): each chunk is the next n matching rows after the previous chunk's last
//   key; the first chunk is small so the first byte leaves early; the last asks for one row more than
//   it needs, which tells whether a next page exists.
// - by ids (csv): a keys query fixes the page first — its size and next cursor are HTTP headers,
//   sent before the body — then the rows are fetched by id.
import type { ExportQuery } from "../filters";
import type { ExportRow, SkipReason } from "./types";
import { keyCursor, pageOf, readPageKeys, type RowKey } from "./page-keys";
import type { Db } from "../db";
import { CHUNK_SIZE, chunksOf, readRowLines, readRowsAfter } from "./row-lines";

export const FIRST_CHUNK_SIZE = 100;

export type RowChunk = (
  | {
      /** jsonl lines as PostgreSQL built them, in export order. */
      lines: string[];
    }
  | {
      /** The same lines as UTF-8 bytes, each ending in "\n" (the COPY source), and how many. */
      bytes: Uint8Array;
      rows: number;
    }
  | {
      /** Text already formatted (and counted), written as it is. */
      text: string;
    }
  | {
      /** unit=trace|session: each unit's generations, or why the unit is skipped (finetune/unit-source.ts). */
      units: UnitRows[];
    }
) & {
  /** The key of the chunk's last row (undefined for an empty chunk). */
  last?: RowKey;
};

/** What a unit's merge reads of each generation (finetune/transcript.ts), not the whole row. */
export type UnitRow = Pick<ExportRow, "type" | "input" | "output" | "tool_calls" | "tools">;

/** One unit of unit=trace|session: its rows in time order, or the reason it is skipped. */
export interface UnitRows {
  rows: UnitRow[];
  skip?: SkipReason;
}

export interface RowSource {
  /** Reads from the database planned at most (queries; a page may end sooner). */
  chunksPlanned: number;
  /** Reads from the database completed so far. */
  chunksRead(): number;
  chunks(): AsyncGenerator<RowChunk, void, undefined>;
  /** null exactly when no rows follow this page; final once chunks() is exhausted. */
  nextCursor(): string | null;
}

export interface Ctx {
  db: Db;
  appId: string;
  q: ExportQuery;
  cutoff: Date;
}

/** The chunk sizes of a keyset page of `limit` rows. */
export function keysetChunkSizes(limit: number): number[] {
  const sizes: number[] = [];
  for (let left = limit; left > 0; ) {
    const size = Math.min(sizes.length === 0 ? FIRST_CHUNK_SIZE : CHUNK_SIZE, left);
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

export function keysetSource({ db, appId, q, cutoff }: Ctx): RowSource {
  const sizes = keysetChunkSizes(q.limit);
  let next: string | null = null;
  let read = 0;
  return {
    chunksPlanned: sizes.length,
    chunksRead: () => read,
    nextCursor: () => next,
    async *chunks() {
      let after = q.cursor;
      for (const [i, size] of sizes.entries()) {
        const last = i === sizes.length - 1;
        const rows = await readRowsAfter(db, appId, q, after, last ? size + 1 : size, cutoff);
        read++;
        const { page: taken, nextCursor } = pageOf(rows, size);
        if (last) next = nextCursor;
        const tail = taken[taken.length - 1];
        yield { lines: taken.map((r) => r.line), last: tail };
        if (taken.length < size || last) return; // the matching rows ran out, or the page is full
        after = keyCursor(tail);
      }
    },
  };
}

/** Reads the page's keys now (one query), so its size and next cursor are known before the body. */
export async function idSource({ db, appId, q, cutoff }: Ctx): Promise<RowSource & { pageRows: number }> {
  const page = await readPageKeys(db, appId, q, cutoff);
  const chunks = chunksOf(page.keys, CHUNK_SIZE);
  let read = 0;
  return {
    pageRows: page.keys.length,
    chunksPlanned: chunks.length,
    chunksRead: () => read,
    nextCursor: () => page.nextCursor,
    async *chunks() {
      for (const chunk of chunks) {
        const lines = await readRowLines(db, appId, chunk.map((k) => k.id), { lightweight: q.lightweight, cutoff });
        read++;
        yield { lines, last: chunk[chunk.length - 1] };
      }
    },
  };
}
