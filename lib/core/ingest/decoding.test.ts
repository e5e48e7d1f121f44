// OTLP JSON value decoding: ids, timestamps, attribute values.
import { describe, expect, it } from "vitest";
import { anyValueToJson, keyValuesToObject } from "./any-value";
import { normaliseParentSpanId, normaliseSpanId, normaliseTraceId } from "./ids";
import { latencyMs, microsToIso, nanosToMicros } from "./time";
import { storableJson } from "./upsert-spans";
import type { SpanRow } from "./span-row";

describe("ids", () => {
  it("keeps hex ids, lowercased", () => {
    expect(normaliseTraceId("0AF7651916CD43DD8448EB211C80319C")).toBe("0af7651916cd43dd8448eb211c80319c");
    expect(normaliseSpanId("B7AD6B7169203331")).toBe("b7ad6b7169203331");
  });

  it("decodes base64 ids of the right byte count (the OTLP JSON mapping)", () => {
    const trace = "0af7651916cd43dd8448eb211c80319c";
    const span = "b7ad6b7169203331";
    expect(normaliseTraceId(Buffer.from(trace, "hex").toString("base64"))).toBe(trace);
    expect(normaliseSpanId(Buffer.from(span, "hex").toString("base64"))).toBe(span);
    // base64url is accepted as well
    expect(normaliseSpanId(Buffer.from("fbffffffffffffff", "hex").toString("base64url"))).toBe("fbffffffffffffff");
  });

  it("rejects wrong lengths, non-id text and all-zero ids", () => {
    expect(normaliseTraceId("abc")).toBeUndefined();
    expect(normaliseTraceId("0af7651916cd43dd8448eb211c80319")).toBeUndefined();
    expect(normaliseSpanId(Buffer.from("0102030405060708090a", "hex").toString("base64"))).toBeUndefined();
    expect(normaliseTraceId("00000000000000000000000000000000")).toBeUndefined();
    expect(normaliseSpanId("zzzzzzzzzzzzzzzz")).toBeUndefined();
    expect(normaliseSpanId(undefined)).toBeUndefined();
  });

  it("reads an empty parent as a root span, and a bad one as invalid", () => {
    expect(normaliseParentSpanId("")).toBeNull();
    expect(normaliseParentSpanId(undefined)).toBeNull();
    expect(normaliseParentSpanId("b7ad6b7169203331")).toBe("b7ad6b7169203331");
    expect(normaliseParentSpanId("nope")).toBeUndefined();
  });
});

describe("timestamps", () => {
  it("reads nanoseconds as strings or numbers, truncated to microseconds without float error", () => {
    expect(nanosToMicros("1767225600123456789")).toBe(1767225600123456);
    expect(nanosToMicros(" 1767225600123456999 ")).toBe(1767225600123456);
    expect(nanosToMicros(1767225600123456)).toBe(1767225600123);
    expect(nanosToMicros(999_999)).toBe(999);
    expect(microsToIso(1767225600123456)).toBe("2026-01-01T00:00:00.123456Z");
    expect(microsToIso(1767225600000001)).toBe("2026-01-01T00:00:00.000001Z");
    expect(microsToIso(1767225600000010)).toBe("2026-01-01T00:00:00.000010Z");
  });

  it("formats every microsecond alike whichever second was formatted before it", () => {
    // The formatter keeps the last second's text: neighbours, returns to an earlier second and the
    // last microsecond of a second must each come out as a fresh Date formatting would write them.
    const fresh = (m: number) => `${new Date(Math.floor(m / 1000)).toISOString().slice(0, -1)}${String(m % 1000).padStart(3, "0")}Z`;
    const base = 1767225600000000;
    const seen = [base, base + 999_999, base + 1_000_000, base + 999_999, base + 1, 999, 1, 86_400_000_000 - 1, base + 31_536_000_123_456, base];
    for (let i = 0; i < 200; i++) seen.push(base + Math.floor(Math.random() * 5_000_000));
    for (const m of seen) expect(microsToIso(m)).toBe(fresh(m));
    expect(microsToIso(999)).toBe("1970-01-01T00:00:00.000999Z");
  });

  it("keeps microseconds past 2^53 exact as BigInt", () => {
    // 2^53 + 1 µs: no JS number holds it (year 2255).
    expect(nanosToMicros("9007199254740993000")).toBe(9007199254740993n);
    expect(nanosToMicros("18446744073709551615")).toBe(18446744073709551n);
    expect(microsToIso(1767225600123456n)).toBe("2026-01-01T00:00:00.123456Z");
    expect(latencyMs(9007199254740993n, 9007199254741993n)).toBe(1);
  });

  it("treats zero, negative, non-numeric and out-of-range values as invalid", () => {
    expect(nanosToMicros("0")).toBeUndefined();
    expect(nanosToMicros(0)).toBeUndefined();
    expect(nanosToMicros(-5)).toBeUndefined();
    expect(nanosToMicros("12:00")).toBeUndefined();
    expect(nanosToMicros("1.5e18")).toBeUndefined();
    expect(nanosToMicros("99999999999999999999")).toBeUndefined();
    expect(nanosToMicros(undefined)).toBeUndefined();
  });

  it("computes latency in milliseconds from the stored microseconds", () => {
    expect(latencyMs(1_000_000, 1_250_500)).toBe(250.5);
    expect(latencyMs(1_000_000n, 1_250_500n)).toBe(250.5);
  });
});

describe("attribute values", () => {
  it("maps every AnyValue type onto JSON", () => {
    const attrs = keyValuesToObject([
      { key: "s", value: { stringValue: "text" } },
      { key: "b", value: { boolValue: false } },
      { key: "i_num", value: { intValue: 42 } },
      { key: "i_str", value: { intValue: "42" } },
      { key: "i_big", value: { intValue: "9223372036854775807" } },
      { key: "d", value: { doubleValue: 0.25 } },
      { key: "d_nan", value: { doubleValue: "NaN" } },
      { key: "arr", value: { arrayValue: { values: [{ stringValue: "a" }, { intValue: "1" }] } } },
      { key: "kv", value: { kvlistValue: { values: [{ key: "x", value: { boolValue: true } }] } } },
      { key: "bytes", value: { bytesValue: "AQID" } },
      { key: "empty", value: {} },
      { key: "missing" },
    ]);
    expect(attrs).toEqual({
      s: "text",
      b: false,
      i_num: 42,
      i_str: 42,
      i_big: "9223372036854775807",
      d: 0.25,
      d_nan: "NaN",
      arr: ["a", 1],
      kv: { x: true },
      bytes: "AQID",
      empty: null,
      missing: null,
    });
  });

  it("keeps an empty string (a set value) apart from an absent one", () => {
    expect(anyValueToJson({ stringValue: "" })).toBe("");
    expect(anyValueToJson(undefined)).toBeNull();
  });
});

describe("storableJson", () => {
  const row = (over: Partial<SpanRow>) => over as SpanRow;

  it("leaves clean rows exactly as JSON.stringify writes them", () => {
    const rows = [row({ span_name: "caf\u00e9 \ud83d\ude00 \\u0000 literal" })];
    expect(JSON.parse(storableJson(rows))).toEqual(rows);
  });

  it("drops NUL characters and replaces lone surrogates, in values and keys", () => {
    const rows = [row({ span_name: "a\u0000b", attributes: { "k\u0000ey": "x\ud800y", list: ["\udc00"] } })];
    expect(JSON.parse(storableJson(rows))).toEqual([{ span_name: "ab", attributes: { key: "x\ufffdy", list: ["\ufffd"] } }]);
  });
});
