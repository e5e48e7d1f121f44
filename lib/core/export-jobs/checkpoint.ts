// What a job writes beside its progress so that a killed worker's successor can carry on: which part
// (file) it was writing, the cursor after the last row written, and each file's byte length and rows at
// that moment. A resumed job truncates each file to that length and reads on from the cursor, so every
// row lands exactly once (docs/bulk-exports.md "Resume"). For destination=s3 each file's multipart
// upload id and finished parts are saved in the same checkpoint (docs/bulk-exports.md "S3").
import type { SkipReason } from "../export/types";

export interface PartState {
  name: string;
  /** Bytes of the file (as written on disk, compressed or not) that the checkpoint covers. */
  bytes: number;
  rows: number;
  /** The part's rows are all written. */
  done: boolean;
  /** destination=s3 (text formats): the file's multipart upload, which runs as the file grows (s3-parts.ts). */
  upload?: PartUpload;
}

/** An S3 multipart upload of one staged file, and the parts of it already in the bucket. */
export interface PartUpload {
  key: string;
  uploadId: string;
  /** Uploaded parts, in order: part n covers bytes [start, end) of the staged file. Each ends at or
   * below the checkpoint's `bytes`, so a resumed job keeps them all. */
  parts: UploadedPart[];
}

export interface UploadedPart {
  number: number;
  etag: string;
  start: number;
  end: number;
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
