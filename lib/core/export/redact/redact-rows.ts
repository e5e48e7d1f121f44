// redact=true for jsonl and csv rows: personal data in the row's input, output, tool_calls and
// metadata values (docs/export.md "Redaction"). Most rows hold none, so a row is first screened with
// one cheap expression (PRESCREEN) over the part of its jsonl line from `input` on; only a row it
// flags is parsed, redacted field by field and written again. Rows read as bytes (COPY) are screened
// as latin1 text, where every character is one byte: offsets are byte offsets, no UTF-8 decoding is
// needed for the rows that pass untouched, and every pattern below is ASCII.
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
 * Lines as PostgreSQL wrote them (UTF-8, each ending in "\n"), redacted: the bytes of untouched rows
 * are passed on as they are, flagged rows are written anew.
 */
export function redactLineBytes(bytes: Buffer, counts: RedactionCounts, lightweight: boolean): Buffer {
  const text = bytes.toString("latin1");
  const field = lightweight ? ',"metadata":' : ',"input":';
  const parts: Buffer[] = [];
  let copied = 0;
  PRESCREEN.lastIndex = 0;
  for (let m = PRESCREEN.exec(text); m; m = PRESCREEN.exec(text)) {
    const start = text.lastIndexOf("\n", m.index) + 1;
    let end = bytes.indexOf(NEWLINE, m.index);
    if (end === -1) end = bytes.length;
    const from = text.indexOf(field, start);
    if (from !== -1 && from < end && m.index < from) {
      // Before the redacted fields (ids, the timestamp): look again from them.
      PRESCREEN.lastIndex = from;
      continue;
    }
    const line = bytes.toString("utf8", start, end);
    const redacted = redactLine(line, counts, lightweight);
    if (redacted !== line) {
      parts.push(bytes.subarray(copied, start), Buffer.from(redacted, "utf8"));
      copied = end;
    }
    PRESCREEN.lastIndex = end + 1;
  }
  if (copied === 0) return bytes;
  parts.push(bytes.subarray(copied));
  return Buffer.concat(parts);
}
