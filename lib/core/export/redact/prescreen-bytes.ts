// The screen redact=true runs over rows read as bytes (COPY): one pass of plain byte comparisons that
// flags wherever a detector (detectors.ts) could find something, so the rows it does not flag — most
// of them — pass without being decoded, parsed or searched with a regular expression. It must never
// miss a finding (prescreen-bytes.test.ts runs every detector's table through it); flagging more only
// costs time. What it looks for:
// - '@' (emails); '+' or '(' before a digit (phones);
// - a run of digits with single spaces, dots or dashes between them, not glued to a word before it,
//   holding 7 digits with a separator or 4 with three (cards, phones, IPv4), or 13–19 digits alone
//   and not glued to a word after (cards);
// - "::", or a colon between a hex digit and 1–4 hex digits followed by another colon (IPv6);
// - the fixed starts of the secrets: sk-, AKIA/ASIA/ABIA/ACCA, gh?_, github_pat_, xox, eyJ, earer
//   (Bearer), aws_secret, hooks.slack.
// Bytes of multi-byte UTF-8 characters are all >= 0x80, so they never look like any of these.

// Most bytes are tested against two small tables only (an interesting character? the first two
// bytes of a secret's start?), which keeps the common path free of branches that depend on the text:
// ~4 ns a byte of prose here, where a state machine over every byte took 10–25.

/** Digits and ":@+(" : the bytes a finding other than a secret can start at or hinge on. */
const INTEREST = new Uint8Array(256);
for (let c = 0x30; c <= 0x39; c++) INTEREST[c] = 1;
for (const ch of ":@+(") INTEREST[ch.charCodeAt(0)] = 1;
const HEX = new Uint8Array(256);
for (const ch of "0123456789abcdefABCDEF") HEX[ch.charCodeAt(0)] = 1;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** What the detectors' \w means: a digit run right after one of these is inside a word or id. */
const WORD = new Uint8Array(256);
for (const ch of "0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") WORD[ch.charCodeAt(0)] = 1;

/** The secrets' fixed starts, as bytes. */
const SECRET_STARTS = ["sk-", "AKIA", "ASIA", "ABIA", "ACCA", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "eyJ", "earer", "aws_secret", "hooks.slack"].map(
  (t) => Uint8Array.from(t, (ch) => ch.charCodeAt(0)),
);
/** FIRST[byte]: 1 + the index of that first byte among the starts' (0: none); SECOND: its possible next bytes. */
const FIRST = new Uint8Array(256);
const firsts = [...new Set(SECRET_STARTS.map((t) => t[0]))];
firsts.forEach((c, k) => (FIRST[c] = k + 1));
const SECOND = new Uint8Array((firsts.length + 1) * 256);
for (const t of SECRET_STARTS) SECOND[FIRST[t[0]] * 256 + t[1]] = 1;

function secretAt(b: Uint8Array, i: number, to: number): boolean {
  for (const t of SECRET_STARTS) {
    if (t[0] !== b[i] || t[1] !== b[i + 1] || i + t.length > to) continue;
    let k = 2;
    while (k < t.length && b[i + k] === t[k]) k++;
    if (k === t.length) return true;
  }
  return false;
}

/** From the digit at i: -1 when its run of digits and single separators is a candidate, else where the run ends. */
function digitRun(b: Uint8Array, i: number, to: number): number {
  let digits = 0;
  let seps = 0;
  let j = i;
  for (; j < to; j++) {
    const c = b[j];
    if (isDigit(c)) {
      digits++;
      if ((digits >= 7 && seps > 0) || (digits >= 4 && seps >= 3)) return -1;
    } else if ((c === 0x20 || c === 0x2d || c === 0x2e) && j + 1 < to && isDigit(b[j + 1])) seps++;
    else break;
  }
  // Digits alone can only be a card: 13–19 of them, not glued to a word after (the card detector
  // can neither start nor end inside a run of digits).
  return seps === 0 && digits >= 13 && digits <= 19 && !(j < to && WORD[b[j]] === 1) ? -1 : j;
}

/** The colon at i could be part of an IPv6 address: "::", or hex:hex{1,4}: . */
function ipv6At(b: Uint8Array, i: number, to: number): boolean {
  if (i + 1 < to && b[i + 1] === 0x3a) return true;
  if (i === 0 || !HEX[b[i - 1]]) return false;
  let j = i + 1;
  while (j < to && j - i <= 4 && HEX[b[j]]) j++;
  return j > i + 1 && j < to && b[j] === 0x3a;
}

/** The first offset in [from, to) where a finding could start, or -1. */
export function prescreenBytes(b: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = b[i];
    if (INTEREST[c] === 0) {
      const f = FIRST[c];
      if (f !== 0 && i + 1 < to && SECOND[f * 256 + b[i + 1]] === 1 && secretAt(b, i, to)) return i;
      continue;
    }
    if (isDigit(c)) {
      // Every digit detector needs a non-word character before its first digit (a JSON escape such
      // as \n counts as one): digits glued to letters (hex ids, digests) are skipped up to their end.
      if (i > from && WORD[b[i - 1]] === 1 && !(i - 2 >= from && b[i - 2] === 0x5c)) {
        while (i + 1 < to && isDigit(b[i + 1])) i++;
        continue;
      }
      const end = digitRun(b, i, to);
      if (end === -1) return i;
      i = end - 1;
      continue;
    }
    if (c === 0x40) return i; // @
    if (c === 0x3a) {
      if (ipv6At(b, i, to)) return i;
      continue;
    }
    if (i + 1 < to && isDigit(b[i + 1])) return i; // + or ( before a digit
  }
  return -1;
}
