// What a job writes beside its progress so that a killed worker's successor can carry on: which part
// (file) it was writing, the cursor after the last row written, and each file's byte length and rows at
// that moment. A resumed job truncates each file to that length and reads on from the cursor, so every
// row lands exactly once (docs/bulk-exports.md "Resume").
import type { SkipReason } from "../export/types";

export interface PartState {
  name: string;
  /** Bytes of the file (as written on disk, compressed or not) that the checkpoint covers. */
  bytes: number;
  rows: number;
  /** The part's rows are all written. */
  done: boolean;
}

export interface Checkpoint {
  /** Index of the part being written (parts are written one after another). */
  part: number;
  /** Cursor after the last row of `part` written; null before its first row. */
  cursor: string | null;
  parts: PartState[];
}

export interface JobFigures {
  rowsRead: number;
  exported: number;
  skipped: number;
  skipReasons: Partial<Record<SkipReason, number>>;
  tokens?: number;
  redactions?: Record<string, number>;
  bytes: number;
}
