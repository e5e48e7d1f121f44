// The screen redact=true runs over rows read as bytes (COPY): one pass of plain byte comparisons that
// flags wherever a detector (detectors.ts) could find something, so the rows it does not flag — most
// of them — pass without being decoded, parsed or searched with a regular expression. It must never
// miss a finding (prescreen-bytes.test.ts runs every detector's table through it); flagging more only
// costs time. What it looks for:
// - '@' (emails); '+' or '(' before a digit (phones);
// - a run of digits with single spaces, dots or dashes between them holding 13 digits, or 7 with a
//   separator, or 4 with three separators (cards, phones, IPv4);
// - two colons in a run of hex digits and colons, or a hex digit after two (IPv6);
// - the fixed starts of the secrets: sk-, AKIA/ASIA/ABIA/ACCA, gh?_, github_pat_, xox, eyJ, earer
//   (Bearer), aws_secret, hooks.slack.
// Bytes of multi-byte UTF-8 characters are all >= 0x80, so they never look like any of these.

const HEX = new Uint8Array(256);
for (const c of "0123456789abcdefABCDEF") HEX[c.charCodeAt(0)] = 1;

const at = (b: Uint8Array, i: number, text: string) => {
  for (let k = 0; k < text.length; k++) if (b[i + k] !== text.charCodeAt(k)) return false;
  return true;
};

/** True when a secret's fixed start begins at i (b[i] is its first letter). */
function secretStart(b: Uint8Array, i: number, c: number): boolean {
  switch (c) {
    case 0x73: // s
      return b[i + 1] === 0x6b && b[i + 2] === 0x2d; // sk-
    case 0x41: // A
      return "KSBC".includes(String.fromCharCode(b[i + 1])) && (b[i + 2] === 0x49 || b[i + 2] === 0x43) && b[i + 3] === 0x41;
    case 0x67: // g
      return (b[i + 1] === 0x68 && "pousr".includes(String.fromCharCode(b[i + 2])) && b[i + 3] === 0x5f) || at(b, i, "github_pat_");
    case 0x78: // x
      return b[i + 1] === 0x6f && b[i + 2] === 0x78; // xox
    case 0x65: // e
      return (b[i + 1] === 0x79 && b[i + 2] === 0x4a) || at(b, i, "earer"); // eyJ, (B|b)earer
    case 0x61: // a
      return at(b, i, "aws_secret");
    case 0x68: // h
      return at(b, i, "hooks.slack");
    default:
      return false;
  }
}

const SECRET_FIRST = new Uint8Array(256);
for (const c of "sAgxeah") SECRET_FIRST[c.charCodeAt(0)] = 1;

/** The first offset in [from, to) where a finding could start, or -1. */
export function prescreenBytes(b: Uint8Array, from: number, to: number): number {
  let digits = 0;
  let seps = 0;
  let start = -1;
  let afterDigit = false;
  let colons = 0;
  let hexRun = false;
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (c >= 0x30 && c <= 0x39) {
      if (digits === 0) start = i;
      digits++;
      afterDigit = true;
      if (digits >= 13 || (digits >= 7 && seps > 0) || (digits >= 4 && seps >= 3) || colons >= 2) return start;
      hexRun = true;
      continue;
    }
    if (afterDigit && (c === 0x20 || c === 0x2d || c === 0x2e)) {
      seps++;
      afterDigit = false;
      colons = 0;
      hexRun = false;
      continue;
    }
    digits = 0;
    seps = 0;
    afterDigit = false;
    if (c === 0x3a) {
      colons++;
      if (colons >= 2 && hexRun) return i;
      continue;
    }
    if (SECRET_FIRST[c] && secretStart(b, i, c)) return i;
    if (HEX[c]) {
      if (colons >= 2) return i;
      hexRun = true;
      continue;
    }
    colons = 0;
    hexRun = false;
    if (c === 0x40) return i;
    if ((c === 0x2b || c === 0x28) && b[i + 1] >= 0x30 && b[i + 1] <= 0x39) return i;
  }
  return -1;
}
