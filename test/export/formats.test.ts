// The three formats, each parsed back: jsonl line by line against ExportRow's field list, CSV through
// papaparse (quotes, commas, line breaks, unicode, formula-looking cells), and every openai line
// through the validator, with skip counts and reasons.
import { exampleTokens } from "../../lib/core/export/finetune/count-tokens";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTenancy, type Tenancy } from "../fixtures";
import { CSV_COLUMNS, validateOpenAiExample, type ExportRow } from "../../lib/core/export";
import { ago, generation, insertScores, insertSpans, type SeedSpan } from "./seed";
import { callExport, exportNdjson, exportRows } from "./http";

const JSONL_FIELDS = [
  "trace_id", "span_id", "span_name", "type", "model", "status", "latency_ms", "timestamp", "input", "output",
  "tool_calls", "metadata", "user_id", "tags", "input_tokens", "output_tokens", "cost", "scores", "tools",
];
const LOOKUP_TOOL = { type: "function", function: { name: "lookup", description: "Look it up", parameters: { type: "object", properties: { q: { type: "string" } } } } };

describe("jsonl", () => {
  let t: Tenancy;
  beforeAll(async () => {
    t = await makeTenancy("jsonl");
    await insertSpans(t.appId, [
      generation("tr1", "g1", "2026-11-20T10:00:00.123456Z", {
        toolCalls: [{ id: "call_1", name: "lookup", arguments: { q: "x" } }],
        metadata: { env: "prod" },
        userId: "user-1",
        tags: ["vip", "beta"],
        tools: [LOOKUP_TOOL],
      }),
      { traceId: "tr1", spanId: "p1", timestamp: "2026-11-20T09:59:59.000001Z", name: "root", input: "plain text, not JSON", output: 42 },
    ]);
    await insertScores(t.appId, [{ traceId: "tr1", name: "correctness", value: 0.75 }]);
  });

  const window = { startDate: "2026-11-19T00:00:00Z", endDate: "2026-11-21T00:00:00Z" };

  it("writes exactly SPEC's fields, in order, with their values", async () => {
    const { rows, meta } = await exportRows(t, window);
    expect(meta).toEqual({ total: 2, exported: 2, skipped: 0, skip_reasons: {}, next_cursor: null });
    for (const r of rows) expect(Object.keys(r)).toEqual(JSONL_FIELDS);
    expect(rows[0]).toEqual({
      trace_id: "tr1",
      span_id: "g1",
      span_name: "chat",
      type: "GENERATION",
      model: "gpt-4o-mini",
      status: "STATUS_CODE_OK",
      latency_ms: 420.5,
      timestamp: "2026-11-20T10:00:00.123456Z",
      input: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Question g1?" },
      ],
      output: [{ role: "assistant", content: "Answer g1." }],
      tool_calls: [{ id: "call_1", name: "lookup", arguments: { q: "x" } }],
      metadata: { env: "prod" },
      user_id: "user-1",
      tags: ["vip", "beta"],
      input_tokens: 12,
      output_tokens: 3,
      cost: 0.0001,
      scores: { correctness: 0.75 },
      tools: [LOOKUP_TOOL],
    } satisfies ExportRow);
    expect(rows[1]).toMatchObject({
      span_id: "p1",
      type: "SPAN",
      model: null,
      timestamp: "2026-11-20T09:59:59.000001Z",
      input: "plain text, not JSON",
      output: 42,
      tool_calls: null,
      user_id: null,
      tags: [],
      metadata: {},
      input_tokens: null,
      cost: null,
      scores: { correctness: 0.75 },
      tools: null,
    });
  });

  it("lightweight=true drops input, output, tool_calls and tools and nothing else", async () => {
    const { rows } = await exportRows(t, { ...window, lightweight: true });
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(Object.keys(r)).toEqual(JSONL_FIELDS.filter((f) => !["input", "output", "tool_calls", "tools"].includes(f)));
    const full = await exportRows(t, window);
    const { input, output, tool_calls, tools, ...rest } = full.rows[0];
    expect([input, output, tool_calls, tools].every((v) => v !== undefined)).toBe(true);
    expect(rows[0]).toEqual(rest);
  });

  it("answers an empty match with the trailer alone", async () => {
    const res = await callExport(t, { ...window, model: "nope" });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split("\n")).toHaveLength(2);
    expect(JSON.parse(text)).toEqual({ _export_meta: { total: 0, exported: 0, skipped: 0, skip_reasons: {}, next_cursor: null } });
  });
});

describe("csv", () => {
  let t: Tenancy;
  const tricky = [
    'say "hi", then leave',
    "line one\nline two\r\nline three",
    "unicode: héllo — 日本語 — 🚀",
    "=SUM(A1:A2)",
    "+1+1",
    "-2",
    "@cmd",
    "\tTAB start",
    "\rCR start",
    "=HYPERLINK(\"http://evil\")\nsecond line",
    "plain, with comma",
    "'already quoted",
  ];
  const NEUTRALISED = /^[=+\-@\t\r]/;

  beforeAll(async () => {
    t = await makeTenancy("csv");
    const spans: SeedSpan[] = tricky.map((name, i) =>
      generation(`ct${i}`, `c${String(i).padStart(2, "0")}`, ago(i + 1), {
        name,
        userId: name,
        input: [{ role: "user", content: name }],
        metadata: { note: name },
        tags: [name],
        cost: -0.5,
        tools: i === 0 ? [LOOKUP_TOOL] : null,
      }),
    );
    await insertSpans(t.appId, spans);
    await insertScores(t.appId, [{ traceId: "ct0", name: "quality", value: 0.5 }]);
  });

  it("round-trips through papaparse: header, quoting, line breaks, unicode, nested JSON", async () => {
    const res = await callExport(t, { format: "csv" });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("x-export-total")).toBe(String(tricky.length));
    expect(res.headers.get("x-export-exported")).toBe(String(tricky.length));
    expect(res.headers.get("x-export-skipped")).toBe("0");
    expect(res.headers.has("x-export-next-cursor")).toBe(false);
    // RFC 4180: CRLF record ends, quotes doubled inside quoted cells.
    expect(text.startsWith(CSV_COLUMNS.join(",") + "\r\n")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text).toContain('"say ""hi"", then leave"');

    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...data] = parsed.data;
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(data).toHaveLength(tricky.length);
    const records = data.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
    const unneutralise = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
    tricky.forEach((name, i) => {
      const r = records[i];
      // Text cells that a spreadsheet would run are prefixed with ', and only those.
      expect(r.span_name).toBe(NEUTRALISED.test(name) ? `'${name}` : name);
      expect(unneutralise(r.user_id)).toBe(name);
      expect(JSON.parse(r.input)).toEqual([{ role: "user", content: name }]);
      expect(JSON.parse(r.metadata)).toEqual({ note: name });
      expect(JSON.parse(r.tags)).toEqual([name]);
      expect(JSON.parse(r.output)).toEqual([{ role: "assistant", content: expect.any(String) }]);
      expect(r.tool_calls).toBe("");
      // Numbers stay numbers: a negative cost is not a formula.
      expect(r.cost).toBe("-0.5");
      expect(r.latency_ms).toBe("420.5");
      expect(r.type).toBe("GENERATION");
      expect(r.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    });
    expect(JSON.parse(records[0].scores)).toEqual({ quality: 0.5 });
    expect(JSON.parse(records[0].tools)).toEqual([LOOKUP_TOOL]);
    expect(records[1].tools).toBe("");
    expect(JSON.parse(records[1].scores)).toEqual({});
  });

  it("lightweight drops the content columns and tools; the page figures travel in headers", async () => {
    const res = await callExport(t, { format: "csv", lightweight: true, limit: 5 });
    const text = await res.text();
    expect(res.status).toBe(200);
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(CSV_COLUMNS.filter((c) => !["input", "output", "tool_calls", "tools"].includes(c)));
    expect(parsed.data).toHaveLength(5);
    expect(res.headers.get("x-export-total")).toBe(String(tricky.length));
    expect(res.headers.get("x-export-exported")).toBe("5");
    const cursor = res.headers.get("x-export-next-cursor");
    expect(cursor).toBeTruthy();

    const next = await callExport(t, { format: "csv", lightweight: true, limit: 100, cursor: cursor! });
    const rest = Papa.parse<Record<string, string>>(await next.text(), { header: true, skipEmptyLines: true });
    expect(rest.data).toHaveLength(tricky.length - 5);
    expect(next.headers.has("x-export-next-cursor")).toBe(false);
    const all = [...parsed.data, ...rest.data].map((r) => r.span_id);
    expect(new Set(all).size).toBe(tricky.length);
  });

  it("an empty match is the header row alone", async () => {
    const res = await callExport(t, { format: "csv", model: "none" });
    expect(await res.text()).toBe(CSV_COLUMNS.join(",") + "\r\n");
    expect(res.headers.get("x-export-total")).toBe("0");
  });
});

describe("openai", () => {
  let t: Tenancy;
  const user = (content: unknown) => ({ role: "user", content });
  const assistant = (content: unknown, extra = {}) => ({ role: "assistant", content, ...extra });
  const call = (id: string, args: unknown = '{"city":"Paris"}') => ({ id, type: "function", function: { name: "weather", arguments: args } });

  // [span id, seed overrides, expected messages | skip reason]
  const CASES: [string, Partial<SeedSpan>, unknown[] | string][] = [
    ["plain", {}, [
      { role: "system", content: "You are terse." }, { role: "user", content: "Question plain?" }, { role: "assistant", content: "Answer plain." },
    ]],
    ["ends-with-call", { input: [user("Weather?")], output: [assistant(null, { tool_calls: [call("c1")] })] }, [
      { role: "user", content: "Weather?" }, { role: "assistant", content: null, tool_calls: [call("c1")] },
    ]],
    ["tool-round", {
      input: [user("Weather?"), assistant(null, { tool_calls: [call("c1", { city: "Paris" })] }), { role: "tool", tool_call_id: "c1", content: { temp: 21 } }],
      output: [assistant("21 degrees.")],
    }, [
      { role: "user", content: "Weather?" },
      { role: "assistant", content: null, tool_calls: [call("c1", '{"city":"Paris"}')] },
      { role: "tool", tool_call_id: "c1", content: '{"temp":21}' },
      { role: "assistant", content: "21 degrees." },
    ]],
    ["calls-in-column", { input: [user("Weather?")], output: null, toolCalls: [{ id: "c9", name: "weather", arguments: { city: "Oslo" } }] }, [
      { role: "user", content: "Weather?" }, { role: "assistant", content: null, tool_calls: [call("c9", '{"city":"Oslo"}')] },
    ]],
    ["strings", { input: "Hi there", output: "Hello!" }, [{ role: "user", content: "Hi there" }, { role: "assistant", content: "Hello!" }]],
    ["parts-and-extras", {
      input: [{ role: "developer", content: "Be kind." }, { role: "user", content: [{ type: "text", text: "a" }, { type: "text", text: "b" }], timestamp: 1, name: "ann" }],
      output: { role: "assistant", content: "ok", finish_reason: "stop", weight: 1 },
    }, [{ role: "system", content: "Be kind." }, { role: "user", content: "ab", name: "ann" }, { role: "assistant", content: "ok", weight: 1 }]],
    ["with-tools", { input: [user("Find x")], output: [assistant(null, { tool_calls: [call("c5")] })], tools: [LOOKUP_TOOL] }, [
      { role: "user", content: "Find x" }, { role: "assistant", content: null, tool_calls: [call("c5")] },
    ]],
    ["span", { type: "SPAN" }, "not_a_generation"],
    ["event", { type: "EVENT" }, "not_a_generation"],
    ["empty", { input: null, output: null }, "no_messages"],
    ["no-answer", { output: null }, "no_assistant_output"],
    ["user-answer", { output: [user("echo")] }, "no_assistant_output"],
    ["unknown-call", { input: [user("x"), { role: "tool", tool_call_id: "ghost", content: "?" }], output: [assistant("y")] }, "invalid_tool_call"],
    ["call-without-id", { output: [assistant(null, { tool_calls: [{ type: "function", function: { name: "f", arguments: "{}" } }] })] }, "invalid_tool_call"],
    ["bad-arguments", { output: [assistant(null, { tool_calls: [call("c1", "{not json")] })] }, "invalid_tool_call"],
    ["duplicate-ids", { output: [assistant(null, { tool_calls: [call("c1"), call("c1")] })] }, "invalid_tool_call"],
    ["odd-role", { input: [{ role: "function", content: "x" }], output: [assistant("y")] }, "invalid_message"],
    ["null-user", { input: [user(null)], output: [assistant("y")] }, "invalid_message"],
    ["object-user", { input: [user({ image: "…" })], output: [assistant("y")] }, "invalid_message"],
    ["null-answer", { output: [assistant(null)] }, "invalid_message"],
    ["not-messages", { input: { foo: 1 }, output: [assistant("y")] }, "invalid_message"],
    ["bad-tool-name", { tools: [{ type: "function", function: { name: "look up" } }] }, "invalid_tools"],
  ];

  beforeAll(async () => {
    t = await makeTenancy("openai");
    await insertSpans(t.appId, CASES.map(([id, extra], i) => generation(`ot${i}`, id, ago(i + 1), extra)));
  });

  it("writes valid examples and skips the rest with reasons", async () => {
    const { lines, meta } = await exportNdjson(t, { format: "openai" });
    const expectedLines = CASES.filter(([, , e]) => Array.isArray(e));
    const skips = CASES.filter(([, , e]) => typeof e === "string").map(([, , e]) => e as string);
    // An example carries `tools` exactly when its generation was offered some.
    expect(lines).toEqual(expectedLines.map(([, extra, messages]) => (extra.tools ? { messages, tools: extra.tools } : { messages })));
    for (const line of lines) expect(validateOpenAiExample(line)).toEqual({ ok: true });
    const reasons: Record<string, number> = {};
    for (const r of skips) reasons[r] = (reasons[r] ?? 0) + 1;
    // tokens: the examples written, as maxTokens counts them (finetune/count-tokens.ts).
    const tokens = lines.reduce((n, l) => n + exampleTokens(l as { messages: unknown[] }), 0);
    expect(tokens).toBeGreaterThan(0);
    expect(meta).toEqual({ total: CASES.length, exported: expectedLines.length, skipped: skips.length, skip_reasons: reasons, next_cursor: null, tokens });
  });

  it("counts skipped rows in the page, so the cursor still advances past them", async () => {
    const first = await exportNdjson(t, { format: "openai", limit: 8 });
    expect(first.meta.exported + first.meta.skipped).toBe(8);
    const second = await exportNdjson(t, { format: "openai", limit: 100, cursor: first.meta.next_cursor! });
    expect(second.meta.exported + second.meta.skipped).toBe(CASES.length - 8);
    expect(second.meta.next_cursor).toBeNull();
    for (const line of [...first.lines, ...second.lines]) expect(validateOpenAiExample(line)).toEqual({ ok: true });
  });

  it("rejects lightweight with openai before streaming", async () => {
    const res = await callExport(t, { format: "openai", lightweight: true });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { invalid_params: { name: string }[] } };
    expect(body.error.invalid_params.map((p) => p.name)).toContain("lightweight");
  });
});
