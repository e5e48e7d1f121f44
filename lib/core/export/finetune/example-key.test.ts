// canonicalJson is built as one list of pieces (for speed); it must write exactly the text of its first,
// recursive definition (kept here as the reference), since dedupe keys of bulk jobs are stored and
// compared across pages and resumes.
import { describe, expect, it } from "vitest";
import { canonicalJson, exampleKey } from "./example-key";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

const VALUES: unknown[] = [
  null,
  undefined,
  0,
  -1.5e-7,
  true,
  "",
  'quote " back\\ line\n tab\t nul\u0000 emoji 😀 lone \ud800',
  [],
  {},
  [1, [2, [3, []]], { b: 1, a: [null, undefined] }],
  { z: 1, a: undefined, "é": "x", "10": 2, "9": 3, nested: { y: [{ d: 1, c: 2 }], x: {} } },
  { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: '{"b":1,"a":2}' } }] },
];

describe("canonicalJson", () => {
  it("writes the same text as the recursive definition, keys sorted at every depth", () => {
    for (const v of VALUES) expect(canonicalJson(v)).toBe(reference(v));
    expect(canonicalJson({ b: [{ d: 1, c: 2 }], a: 1 })).toBe('{"a":1,"b":[{"c":2,"d":1}]}');
  });
});

describe("exampleKey", () => {
  it("is the same for examples that differ only in spacing, key order and tool-call ids", () => {
    const a = {
      messages: [
        { role: "user", content: " hi\r\n" },
        { role: "assistant", content: null, tool_calls: [{ id: "x1", type: "function", function: { name: "f", arguments: '{"a":1,"b":2}' } }] },
        { role: "tool", tool_call_id: "x1", content: "ok" },
      ],
    };
    const b = {
      messages: [
        { content: "hi\n", role: "user" },
        { role: "assistant", content: null, tool_calls: [{ type: "function", id: "y9", function: { arguments: '{ "b": 2, "a": 1 }', name: "f" } }] },
        { role: "tool", tool_call_id: "y9", content: "ok " },
      ],
    };
    expect(exampleKey(a as never)).toBe(exampleKey(b as never));
    expect(exampleKey(a as never)).not.toBe(exampleKey({ messages: [{ role: "user", content: "hi" }] } as never));
  });
});

describe("exampleKey from message keys", () => {
  it("equals the hash of canonicalJson of the normalised example, keyed messages or not", async () => {
    const { createHash } = await import("node:crypto");
    const example = {
      messages: [
        { role: "system", content: "  be brief\r\n" },
        { role: "user", content: "q", name: "ann" },
        { role: "assistant", content: null, tool_calls: [{ id: "k7", type: "function", function: { name: "f", arguments: "not json " } }] },
        { role: "tool", tool_call_id: "k7", content: "r" },
        { role: "assistant", content: [{ type: "text", text: "a" }], weight: 1 },
      ],
      tools: [
        { type: "function", function: { name: "z", parameters: {} } },
        { type: "function", function: { name: "a", description: "d" } },
      ],
    };
    // The definition: ids by order of appearance, text trimmed with "\n" line ends, arguments parsed
    // when they parse, tools as sorted canonical texts.
    const body = reference({
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "q", name: "ann" },
        { role: "assistant", content: null, tool_calls: [{ id: 0, name: "f", arguments: "not json" }] },
        { role: "tool", tool_call_id: 0, content: "r" },
        { role: "assistant", content: [{ type: "text", text: "a" }], weight: 1 },
      ],
      tools: example.tools.map(reference).sort(),
    });
    const expected = createHash("sha256").update(body).digest("base64");
    expect(exampleKey(example as never)).toBe(expected);
    // Again with every message keyed first (as a merge leaves them).
    const { messageKey } = await import("./example-key");
    for (const m of example.messages) messageKey(m as never);
    expect(exampleKey(example as never)).toBe(expected);
  });
});

describe("messageKey", () => {
  it("is canonicalJson of the normalised message, plain text messages included", async () => {
    const { messageKey } = await import("./example-key");
    const cases: [unknown, unknown][] = [
      [{ role: "user", content: " a\r\nb " }, { role: "user", content: "a\nb" }],
      [{ role: "user", content: "x", extra: 1 }, { role: "user", content: "x" }],
      [{ role: "user", content: "x", name: "n" }, { role: "user", content: "x", name: "n" }],
      [{ role: "assistant", content: null, tool_calls: null }, { role: "assistant", content: null }],
      [{ role: "tool", content: "r", tool_call_id: "c" }, { role: "tool", content: "r", tool_call_id: "c" }],
      [{ role: "user", content: 'q"\\\u2028z\u0001' }, { role: "user", content: 'q"\\\u2028z\u0001' }],
    ];
    for (const [m, normalised] of cases) expect(messageKey(m as never)).toBe(reference(normalised));
  });
});
