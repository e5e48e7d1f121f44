// What `redact=true` finds (docs/export.md "Redaction"), as one regular expression with a named group
// per shape, so a text is scanned once whatever the number of shapes. A candidate is then confirmed
// in code where a pattern cannot tell on its own (Luhn for cards, a real IPv6 address, an IPv4 that
// prose calls a version). Written here rather than taken from a library: the maintained ones either
// need Node 22 (@arcjet/redact), pull in a cloud client (redact-pii → @google-cloud/dlp) or bring
// hundreds of loose patterns (openredaction); none counts by kind or checks Luhn and secret shapes
// as this contract needs.
import { isIPv6 } from "node:net";

export const REDACTION_KINDS = ["email", "phone", "card", "ip", "secret"] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

export const PLACEHOLDER: Record<RedactionKind, string> = {
  email: "[EMAIL]",
  phone: "[PHONE]",
  card: "[CARD]",
  ip: "[IP]",
  secret: "[SECRET]",
};

// Secrets first: their bodies hold digit runs that would otherwise read as cards or phones.
const SECRET = [
  // OpenAI (sk-, sk-proj-, sk-svcacct-, sk-admin-) and Anthropic (sk-ant-api03-…) keys.
  String.raw`\bsk-(?:ant-)?[A-Za-z0-9_-]{20,}`,
  // AWS access key ids, and a secret access key where it is named.
  String.raw`\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b`,
  String.raw`(?<=aws_secret_access_key["']?\s*[:=]\s*["']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])`,
  // GitHub tokens (classic and fine-grained).
  String.raw`\bgh[pousr]_[A-Za-z0-9]{36,255}\b`,
  String.raw`\bgithub_pat_[A-Za-z0-9_]{22,255}\b`,
  // Slack tokens and incoming-webhook URLs.
  String.raw`\bxox[abposr]-[A-Za-z0-9-]{10,}`,
  String.raw`https://hooks\.slack\.com/services/[A-Za-z0-9/]{20,}`,
  // JWTs: a base64url JSON header and payload ({" → eyJ), then a signature.
  String.raw`\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,}`,
  // The token of an HTTP bearer credential ("Bearer " itself is kept).
  String.raw`(?<=\b[Bb]earer\s+)[A-Za-z0-9\-._~+/]{16,}=*`,
].join("|");

// Letters of any script in the local part and domain (internationalised addresses).
const EMAIL = String.raw`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}(?![\p{L}\p{N}])`;
// Hex groups and colons, not touching other word characters or colons; confirmed by isIPv6.
const IPV6 = String.raw`(?<![\w:.])(?:[0-9A-Fa-f]{1,4}:|:){2,7}(?::|[0-9A-Fa-f]{1,4})(?![\w:])`;
// 13–19 digits, single spaces or dashes between them; confirmed by Luhn.
const CARD = String.raw`(?<![\w.,-])\d(?:[ -]?\d){12,18}(?![\w]|[.,-]\d)`;
// International (+ and 8–15 digits) or North American ((415) 555-2671, 415-555-2671, 415.555.2671).
// Bare digit runs are not phones: they are as often order ids, amounts or timestamps.
const PHONE = [
  String.raw`(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){2,5}(?![\w]|[.-]\d)`,
  String.raw`(?<![\w(])\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}(?![\w]|[.-]\d)`,
  String.raw`(?<![\w.-])\d{3}(?<sep>[.-])\d{3}\k<sep>\d{4}(?![\w]|[.-]\d)`,
].join("|");
const OCTET = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
const IPV4 = String.raw`(?<![\w.])${OCTET}(?:\.${OCTET}){3}(?![\w]|\.\d)`;

/** One pass finds every candidate; the named group says which shape it is. */
export function detectorRegex(): RegExp {
  return new RegExp(
    `(?<secret>${SECRET})|(?<email>${EMAIL})|(?<ipv6>${IPV6})|(?<card>${CARD})|(?<phone>${PHONE})|(?<ipv4>${IPV4})`,
    "gu",
  );
}

/** The Luhn checksum (ISO/IEC 7812): every second digit from the right doubled. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Words after which a dotted quad is a version, not an address ("version 1.2.3.4", "build 10.0.19045.1"). */
const VERSION_BEFORE = /(?:\b(?:version|ver|release|build|firmware|v)\.?|\bv)\s*$/i;

/** The kind a candidate is, or undefined when the confirmation turns it down. */
export function confirm(groups: Record<string, string | undefined>, text: string, at: number): RedactionKind | undefined {
  if (groups.secret !== undefined) return "secret";
  if (groups.email !== undefined) return "email";
  if (groups.ipv6 !== undefined) {
    const v = groups.ipv6;
    // A real address, with some substance: "::" or "a::b" in prose or code are not addresses.
    return isIPv6(v) && (/[0-9A-Fa-f]{4}/.test(v) || v.split(":").filter(Boolean).length >= 3) ? "ip" : undefined;
  }
  if (groups.card !== undefined) {
    const digits = groups.card.replace(/[ -]/g, "");
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) ? "card" : undefined;
  }
  if (groups.phone !== undefined) {
    const digits = groups.phone.replace(/\D/g, "");
    return digits.length >= 8 && digits.length <= 15 ? "phone" : undefined;
  }
  if (groups.ipv4 !== undefined) {
    return VERSION_BEFORE.test(text.slice(Math.max(0, at - 12), at)) ? undefined : "ip";
  }
  return undefined;
}
