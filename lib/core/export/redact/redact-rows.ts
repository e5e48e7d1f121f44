// redact=true for jsonl and csv rows: personal data in the row's input, output, tool_calls and
// metadata values (docs/export.md "Redaction"). Most rows hold none, so a row is first screened over
// the part of its jsonl line from `input` on — text with one cheap expression (PRESCREEN), bytes read
// with COPY with prescreen-bytes.ts, without decoding them; only a row it flags is parsed, redacted
// field by field and written again.
import { prescreenBytes } from "./prescreen-bytes";
import { redactValue, type RedactionCounts } from "./redact-text";
import type { ExportRow } from "../types";

/**
 * Matches wherever a detector (detectors.ts) could start a finding, and more: any '@', '+digit',
 * '(digit', 3 digits then . or -, 13 digits, a dotted quad's start, hex around colons, '::', and the
 * secrets' fixed prefixes. A row it does not match has no finding.
 */
const PRESCREEN =
  /@|\+\d|\(\d|\d(?:\d{2}[.-]\d|(?:[ -]?\d){12}|\.\d{1,3}\.\d)|[0-9A-Fa-f]:[0-9A-Fa-f]{0,4}:|::|sk-|A[KSBC][IC]A|gh[pousr]_|github_pat_|xox|eyJ|earer\s|aws_secret|hooks\.slack/g;

/** The fields redact=true rewrites in a jsonl/csv row. */
export const REDACTED_FIELDS = ["input", "output", "tool_calls", "metadata"] as const;

const NEWLINE = 0x0a;
const FROM_INPUT = Buffer.from(',"input":');
const FROM_METADATA = Buffer.from(',"metadata":');

/** The row with its redacted fields' string values replaced. */
export function redactRow(row: ExportRow, counts: RedactionCounts): ExportRow {
  const out = { ...row } as Record<string, unknown>;
  for (const f of REDACTED_FIELDS) if (f in out) out[f] = redactValue(out[f], counts);
  return out as unknown as ExportRow;
}

/** A jsonl line with its redacted fields rewritten, or the line itself when it holds nothing to redact. */
export function redactLine(line: string, counts: RedactionCounts, lightweight: boolean): string {
  const from = line.indexOf(lightweight ? ',"metadata":' : ',"input":');
  PRESCREEN.lastIndex = Math.max(0, from);
  if (!PRESCREEN.test(line)) return line;
  const before = { ...counts };
  const row = redactRow(JSON.parse(line) as ExportRow, counts);
  return sameCounts(before, counts) ? line : JSON.stringify(row);
}

function sameCounts(a: RedactionCounts, b: RedactionCounts): boolean {
  return Object.keys(b).every((k) => a[k as keyof RedactionCounts] === b[k as keyof RedactionCounts]);
}

/**
 * Lines as PostgreSQL wrote them (UTF-8, each ending in "\n"), redacted: each line is screened from
 * its redacted fields on with prescreenBytes; the bytes of unflagged rows are passed on as they are,
 * flagged rows are parsed, redacted and written anew (or kept when nothing was found after all).
 */
export function redactLineBytes(bytes: Buffer, counts: RedactionCounts, lightweight: boolean): Buffer {
  const field = lightweight ? FROM_METADATA : FROM_INPUT;
  const parts: Buffer[] = [];
  let copied = 0;
  for (let start = 0; start < bytes.length; ) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) end = bytes.length;
    const from = bytes.indexOf(field, start);
    const screenFrom = from === -1 || from > end ? start : from;
    if (prescreenBytes(bytes, screenFrom, end) !== -1) {
      const line = bytes.toString("utf8", start, end);
      const redacted = redactLine(line, counts, lightweight);
      if (redacted !== line) {
        parts.push(bytes.subarray(copied, start), Buffer.from(redacted, "utf8"));
        copied = end;
      }
    }
    start = end + 1;
  }
  if (copied === 0) return bytes;
  parts.push(bytes.subarray(copied));
  return Buffer.concat(parts);
}
