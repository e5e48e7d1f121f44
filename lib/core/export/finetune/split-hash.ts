// The train/validation split (docs/export.md "Fine-tuning options"): an example is on the validation
// side when the first 8 bytes of SHA-256 over the UTF-8 of its trace id (session id for unit=session),
// read as a big-endian unsigned integer u, satisfy u < validationFraction × 2^64. Anyone can reproduce
// it — Python: `int.from_bytes(sha256(id.encode()).digest()[:8], "big") < f * 2**64` (Python compares
// int and float exactly, as this does) — so a trace lands on the same side in every page, export and job.
import { createHash } from "node:crypto";
import type { Split } from "../../filters";

/** The smallest u that is on the train side: ceil(f × 2^64), exact (f × 2^64 only scales a double). */
export function splitThreshold(fraction: number): bigint {
  return BigInt(Math.ceil(fraction * 2 ** 64));
}

/** The first 8 bytes of SHA-256(UTF-8 of id) as an unsigned integer. */
export function splitHash(id: string): bigint {
  return createHash("sha256").update(id, "utf8").digest().readBigUInt64BE(0);
}

export function splitSide(id: string, fraction: number): Split {
  return splitHash(id) < splitThreshold(fraction) ? "validation" : "train";
}

/**
 * The same rule as SQL text over a text expression: the hash's 16 lowercase hex digits compared with
 * the threshold's, byte-wise (COLLATE "C"), which orders equal-length hex strings as the numbers.
 */
export function splitSqlCondition(idExpr: string, side: Split, fraction: number): string {
  const hex = splitThreshold(fraction).toString(16).padStart(16, "0");
  const op = side === "validation" ? "<" : ">=";
  return `(encode(substr(sha256(convert_to(${idExpr}, 'UTF8')), 1, 8), 'hex') COLLATE "C" ${op} '${hex}')`;
}
