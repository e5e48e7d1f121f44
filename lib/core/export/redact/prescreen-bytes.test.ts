// The byte screen never misses what the detectors find: every "replaces" case of the detector
// tables, alone and inside JSON text, is flagged; typical prose is not.
import { describe, expect, it } from "vitest";
import { redactText, type RedactionCounts } from "./redact-text";
import { prescreenBytes } from "./prescreen-bytes";

const FINDINGS = [
  "ada.lovelace+ml@example.co.uk", "zoë@example.com", "+44 20 7946 0958", "+14155552671", "(415) 555-2671", "415-555-2671",
  "415.555.2671", "4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005", "192.168.1.20", "1.2.3.4",
  "2001:db8:85a3::8a2e:370:7334", "fe80:0000:0000:0000:0202:b3ff:fe1e:8329", "::abcd", "::1234:5678",
  "sk-proj-AbCdEf0123456789AbCdEf0123456789", "sk-ant-api03-AbCdEf0123456789AbCdEf0123456789-xyz", "AKIAIOSFODNN7EXAMPLE",
  "ASIAIOSFODNN7EXAMPLE", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "ghp_0123456789abcdefghijklmnopqrstuvwxyz",
  "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp",
  "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX",
  "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "Bearer abcdef0123456789ABCDEF.xyz",
];

const flagged = (text: string) => {
  const b = Buffer.from(text, "utf8");
  return prescreenBytes(b, 0, b.length) !== -1;
};

describe("prescreenBytes", () => {
  it.each(FINDINGS)("flags %s, alone and in JSON text", (finding) => {
    const counts: RedactionCounts = {};
    expect(redactText(`x ${finding} y`, counts)).not.toBe(`x ${finding} y`); // a real finding
    expect(flagged(finding)).toBe(true);
    expect(flagged(JSON.stringify({ content: `Über: ${finding}.` }))).toBe(true);
    expect(flagged(`[{"role": "user", "content": "line\\n${finding}"}]`)).toBe(true);
  });

  it("flags a card after a digit run glued to a word, and digits after a JSON escape", () => {
    expect(flagged("ref x12345 4111 1111 1111 1111")).toBe(true);
    expect(flagged('"a\\t4111111111111111"')).toBe(true);
    expect(flagged("hex 9e107d9d3721234567890123bb6826")).toBe(false);
    expect(flagged("digest 3636638817772e42b59d and 12345678901234567890123")).toBe(false);
    expect(flagged("card 4111111111111111.")).toBe(true);
  });

  it.each([
    "Ticket 123: 9e107d9d372bb6826bd81d3542a419d6 customer question about billing, ",
    'Answer 17: explanation of the refund policy. {"role": "assistant", "content": "OK"}',
    "grüße, café ☕ — 3 items for 12.50 EUR (see above)",
  ])("lets plain text pass: %s", (text) => {
    expect(flagged(text)).toBe(false);
  });
});
