// Recall and precision of redact=true, table by table: what must be replaced (with its placeholder
// and kind) and what must be left exactly as it is.
import { describe, expect, it } from "vitest";
import { luhnValid } from "./detectors";
import { hasFinding, redactText, redactValue, type RedactionCounts } from "./redact-text";

// [label, text, expected text, expected counts]
const FOUND: [string, string, string, RedactionCounts][] = [
  ["an email", "write to ada.lovelace+ml@example.co.uk today", "write to [EMAIL] today", { email: 1 }],
  ["two emails", "a@b.io, c_d@mail.example.com", "[EMAIL], [EMAIL]", { email: 2 }],
  ["an international phone", "call +44 20 7946 0958 now", "call [PHONE] now", { phone: 1 }],
  ["a compact E.164 phone", "sms +14155552671.", "sms [PHONE].", { phone: 1 }],
  ["a US phone in parentheses", "(415) 555-2671", "[PHONE]", { phone: 1 }],
  ["a US phone with dashes", "my cell is 415-555-2671", "my cell is [PHONE]", { phone: 1 }],
  ["a US phone with dots", "415.555.2671", "[PHONE]", { phone: 1 }],
  ["a Visa number", "card 4111 1111 1111 1111 exp 12/29", "card [CARD] exp 12/29", { card: 1 }],
  ["a card with dashes", "5555-5555-5555-4444", "[CARD]", { card: 1 }],
  ["an Amex number", "378282246310005", "[CARD]", { card: 1 }],
  ["an IPv4 address", "from 192.168.1.20, port 22", "from [IP], port 22", { ip: 1 }],
  ["an IPv6 address", "client 2001:db8:85a3::8a2e:370:7334 connected", "client [IP] connected", { ip: 1 }],
  ["a full IPv6 address", "fe80:0000:0000:0000:0202:b3ff:fe1e:8329", "[IP]", { ip: 1 }],
  ["an OpenAI key", "key sk-proj-AbCdEf0123456789AbCdEf0123456789", "key [SECRET]", { secret: 1 }],
  ["an Anthropic key", "sk-ant-api03-AbCdEf0123456789AbCdEf0123456789-xyz", "[SECRET]", { secret: 1 }],
  ["an AWS access key id", "AKIAIOSFODNN7EXAMPLE", "[SECRET]", { secret: 1 }],
  ["an AWS secret key where named", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = [SECRET]", { secret: 1 }],
  ["a GitHub token", "ghp_0123456789abcdefghijklmnopqrstuvwxyz", "[SECRET]", { secret: 1 }],
  ["a fine-grained GitHub token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz", "[SECRET]", { secret: 1 }],
  ["a Slack token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp", "[SECRET]", { secret: 1 }],
  ["a JWT", "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U ok", "token [SECRET] ok", { secret: 1 }],
  ["a bearer token", "Authorization: Bearer abcdef0123456789ABCDEF.xyz", "Authorization: Bearer [SECRET]", { secret: 1 }],
  ["one of each", "ada@x.org 415-555-2671 4111111111111111 10.0.0.1 AKIAIOSFODNN7EXAMPLE", "[EMAIL] [PHONE] [CARD] [IP] [SECRET]", { email: 1, phone: 1, card: 1, ip: 1, secret: 1 }],
];

// [label, text] left exactly as it is.
const LEFT: [string, string][] = [
  ["a Luhn-invalid 16-digit number", "card 4111 1111 1111 1112 declined"],
  ["a Luhn-invalid number without spaces", "ref 1234567812345678"],
  ["a version string in prose", "upgrade to version 1.2.3.4 before Friday"],
  ["a v-prefixed version", "released v1.2.3.4 and v2.0.0.1"],
  ["a build number", "build 10.0.19045.1 is out"],
  ["a dotted number longer than an address", "oid 1.3.6.1.4.1.311"],
  ["an order id", "order ORD-2026-114552 shipped"],
  ["a bare 10-digit order number", "order 4155552671 shipped"],
  ["a date and a time", "2026-11-01T12:00:00.123456Z and 12:30:45"],
  ["an ISO date range", "2026-11-01/2026-11-30"],
  ["a price and a quantity", "total 1,234.56 EUR for 3 items"],
  ["a hex trace id", "trace 4bf92f3577b34da6a3ce929d0e0e4736"],
  ["a short sk- word", "pip install scikit-learn sk-learn"],
  ["code with ::", "std::vector<int> and a::b"],
  ["a mention and a handle", "thanks @ada, see user@localhost"],
  ["an md5 digest", "checksum 9e107d9d372bb6826bd81d3542a419d6"],
  ["a UUID", "id 123e4567-e89b-12d3-a456-426614174000"],
  ["a semver", "node 20.19.0 and 1.2.3"],
  ["a word Bearer without a token", "the bearer of bad news"],
];

describe("redactText", () => {
  it.each(FOUND)("replaces %s", (_label, text, expected, counts) => {
    const got: RedactionCounts = {};
    expect(redactText(text, got)).toBe(expected);
    expect(got).toEqual(counts);
    expect(hasFinding(text)).toBe(true);
  });

  it.each(LEFT)("leaves %s alone", (_label, text) => {
    const got: RedactionCounts = {};
    expect(redactText(text, got)).toBe(text);
    expect(got).toEqual({});
    expect(hasFinding(text)).toBe(false);
  });

  it("checks Luhn", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("79927398713")).toBe(true);
  });

  it("redacts string values of nested JSON, never keys or other types", () => {
    const counts: RedactionCounts = {};
    const value = { "ada@x.org": ["mail ada@x.org", 415_555_2671, { phone: "+1 415 555 2671" }], n: null, ok: true };
    expect(redactValue(value, counts)).toEqual({ "ada@x.org": ["mail [EMAIL]", 415_555_2671, { phone: "[PHONE]" }], n: null, ok: true });
    expect(counts).toEqual({ email: 1, phone: 1 });
  });
});
