// The fine-tuning options of GET /v1/traces/export (docs/export.md "Fine-tuning options") end to end:
// conversations of both producer styles sent through the real ingest route, read back as openai
// examples per trace and per session, de-duplicated, split, budgeted in tokens and redacted; every
// example checked by the validator.
import { encode } from "gpt-tokenizer/encoding/o200k_base";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTenancy, type Tenancy } from "../fixtures";
import { validateOpenAiExample } from "../../lib/core/export";
import { exampleTokens } from "../../lib/core/export/finetune/count-tokens";
import { splitSide } from "../../lib/core/export/finetune/split-hash";
import { agentLoop, hex32, LOOKUP, ownTurns, sendTraces, SYSTEM } from "./conversations";
import { callExport, errorOf, exportNdjson, type Params } from "./http";

type Example = { messages: Record<string, unknown>[]; tools?: unknown[] };

/** An openai page: every line a valid example, the trailer's tokens their sum. */
async function examples(t: Tenancy, params: Params) {
  const r = await exportNdjson(t, { format: "openai", ...params });
  const lines = r.lines as unknown as Example[];
  for (const ex of lines) expect(validateOpenAiExample(ex)).toEqual({ ok: true });
  expect(r.meta.tokens).toBe(lines.reduce((n, ex) => n + exampleTokens(ex), 0));
  expect(r.meta.exported).toBe(lines.length);
  return { lines, meta: r.meta };
}

const AGENT = hex32("a9e47", 1);
const CHAT = hex32("c4a7", 1);
const SESSION_1 = hex32("5e55", 1);
const SESSION_2 = hex32("5e55", 2);
const DUP_1 = hex32("d0b", 1);
const DUP_2 = hex32("d0b", 2);

describe("unit=trace and unit=session", () => {
  let t: Tenancy;
  beforeAll(async () => {
    t = await makeTenancy("ftunit");
    await sendTraces(t, [
      agentLoop(AGENT, 600),
      ownTurns(CHAT, 500, [["What are your opening hours?", "9 to 5."], ["And on Sundays?", "Closed on Sundays."]]),
      // One session over two traces, each a turn of its own.
      ownTurns(SESSION_1, 400, [["Hi, I need a refund.", "Sure, which order?"]], "sess-42"),
      ownTurns(SESSION_2, 300, [["Order B-9.", "Refund started for B-9."]], "sess-42"),
      // The same agent conversation twice, with other call ids.
      agentLoop(DUP_1, 200, "C-3", "call_x"),
      agentLoop(DUP_2, 100, "C-3", "call_y"),
    ]);
  });

  it("rebuilds an agent loop that resends its history as one conversation: system once, tool round in place, tools", async () => {
    const { lines } = await examples(t, { unit: "trace" });
    const agent = lines.find((ex) => JSON.stringify(ex).includes("A-17"))!;
    expect(agent.messages).toEqual([
      SYSTEM,
      { role: "user", content: "Where is order A-17? Reach me at ada@example.com." },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup_order", arguments: '{"order_id":"A-17"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: '{"status":"shipped","order":"A-17"}' },
      { role: "assistant", content: "Order A-17 has shipped." },
      { role: "user", content: "Thanks!" },
      { role: "assistant", content: "You're welcome." },
    ]);
    expect(agent.tools).toEqual([LOOKUP]);
  });

  it("appends the turns of a producer that sends one turn per call", async () => {
    const { lines } = await examples(t, { unit: "trace" });
    expect(lines.find((ex) => JSON.stringify(ex).includes("opening hours"))!.messages).toEqual([
      SYSTEM,
      { role: "user", content: "What are your opening hours?" },
      { role: "assistant", content: "9 to 5." },
      { role: "user", content: "And on Sundays?" },
      { role: "assistant", content: "Closed on Sundays." },
    ]);
  });

  it("writes one example per trace, newest first, limit counting examples and the cursor walking them", async () => {
    const all = await examples(t, { unit: "trace" });
    expect(all.meta).toMatchObject({ total: 6, exported: 6, skipped: 0, next_cursor: null });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { lines, meta } = await examples(t, { unit: "trace", limit: 4, cursor });
      seen.push(...lines.map((ex) => JSON.stringify(ex)));
      expect(meta.total).toBe(6);
      if (!meta.next_cursor) break;
      expect(lines).toHaveLength(4);
      cursor = meta.next_cursor;
    }
    expect(seen).toEqual(all.lines.map((ex) => JSON.stringify(ex)));
  });

  it("joins a session's traces in time order and skips traces without a session as no_session", async () => {
    const { lines, meta } = await examples(t, { unit: "session" });
    expect(lines).toEqual([
      {
        messages: [
          SYSTEM,
          { role: "user", content: "Hi, I need a refund." },
          { role: "assistant", content: "Sure, which order?" },
          { role: "user", content: "Order B-9." },
          { role: "assistant", content: "Refund started for B-9." },
        ],
      },
    ]);
    // One session and four traces without one.
    expect(meta).toMatchObject({ total: 5, exported: 1, skipped: 4, skip_reasons: { no_session: 4 } });
  });

  it("dedupe=true skips an identical example (call ids aside) as duplicate", async () => {
    const plain = await examples(t, { unit: "trace" });
    expect(plain.lines.filter((ex) => JSON.stringify(ex).includes("C-3"))).toHaveLength(2);
    const { lines, meta } = await examples(t, { unit: "trace", dedupe: "true" });
    expect(lines.filter((ex) => JSON.stringify(ex).includes("C-3"))).toHaveLength(1);
    expect(meta).toMatchObject({ exported: 5, skipped: 1, skip_reasons: { duplicate: 1 } });
  });

  it("counts tokens as OpenAI's cookbook does and skips examples over maxTokens as too_long", async () => {
    const { lines } = await examples(t, { unit: "trace" });
    const chat = lines.find((ex) => JSON.stringify(ex).includes("opening hours"))!;
    // 3 per message + role + content, 3 for the reply's priming.
    const expected = 3 + chat.messages.reduce((n, m) => n + 3 + encode(String(m.role)).length + encode(String(m.content)).length, 0);
    expect(exampleTokens(chat)).toBe(expected);
    const agentTokens = exampleTokens(lines.find((ex) => JSON.stringify(ex).includes("A-17"))!);
    const budget = await examples(t, { unit: "trace", maxTokens: expected });
    expect(budget.lines.map((ex) => exampleTokens(ex)).every((n) => n <= expected)).toBe(true);
    expect(budget.meta.skip_reasons.too_long).toBe(6 - budget.lines.length);
    expect(agentTokens).toBeGreaterThan(expected);
    expect(budget.lines.some((ex) => JSON.stringify(ex).includes("opening hours"))).toBe(true);
  });

  it("redacts message text in openai examples and counts by kind", async () => {
    const { lines, meta } = await examples(t, { unit: "trace", redact: "true" });
    const agent = lines.find((ex) => JSON.stringify(ex).includes("A-17"))!;
    expect(agent.messages[1].content).toBe("Where is order A-17? Reach me at [EMAIL].");
    // Three agent conversations, one address each.
    expect(meta.redactions).toEqual({ email: 3 });
  });
});

describe("split", () => {
  let t: Tenancy;
  const ids = Array.from({ length: 40 }, (_, i) => hex32("5b1", i));
  beforeAll(async () => {
    t = await makeTenancy("ftsplit");
    await sendTraces(t, ids.map((id, i) => ownTurns(id, 1000 - i * 10, [[`question ${i}`, `answer ${i}`]], `session-${i % 7}`)));
  });

  /** Every page of a walk with `limit`, following next_cursor. */
  async function walk(params: Params) {
    const out: Example[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const { lines, meta } = await examples(t, { ...params, cursor });
      out.push(...lines);
      if (!meta.next_cursor) return out;
      cursor = meta.next_cursor;
    }
    throw new Error("the walk did not end");
  }
  const traceOf = (ex: Example) => ids[Number(/question (\d+)/.exec(String(ex.messages[1].content))![1])];

  it.each(["span", "trace"])("unit=%s: each trace on the side its hash says, in every page; both sides together are all", async (unit) => {
    const train = await walk({ unit, split: "train", validationFraction: 0.3, limit: 3 });
    const validation = await walk({ unit, split: "validation", validationFraction: 0.3, limit: 3 });
    for (const ex of train) expect(splitSide(traceOf(ex), 0.3)).toBe("train");
    for (const ex of validation) expect(splitSide(traceOf(ex), 0.3)).toBe("validation");
    const union = [...train, ...validation].map(traceOf).sort();
    expect(union).toEqual([...ids].sort());
    expect(validation.length).toBeGreaterThan(0);
    // The side's total is what the walk wrote (for unit=span: of the GENERATION rows; each trace has a root SPAN too).
    const first = await exportNdjson(t, { format: "openai", unit, type: "GENERATION", split: "validation", validationFraction: 0.3, limit: 1 });
    expect(first.meta.total).toBe(validation.length);
  });

  it("unit=session splits by the session id", async () => {
    const validation = await walk({ unit: "session", split: "validation", validationFraction: 0.5, limit: 2 });
    const train = await walk({ unit: "session", split: "train", validationFraction: 0.5, limit: 2 });
    expect(validation.length + train.length).toBe(7);
    for (const ex of validation) expect(splitSide(`session-${ids.indexOf(traceOf(ex)) % 7}`, 0.5)).toBe("validation");
  });
});

describe("redact for jsonl and csv", () => {
  let t: Tenancy;
  beforeAll(async () => {
    t = await makeTenancy("ftredact");
    await sendTraces(t, [
      ownTurns(hex32("ee", 1), 300, [["Mail ada@example.com or call +44 20 7946 0958", "Card 4111 1111 1111 1111 noted, version 1.2.3.4"]]),
      ownTurns(hex32("ee", 2), 200, [["nothing personal here", "ok"]]),
    ]);
  });

  it("jsonl: input and output redacted, counted in the trailer; other rows byte for byte", async () => {
    const plain = await exportNdjson(t, { type: "GENERATION" });
    const r = await exportNdjson(t, { type: "GENERATION", redact: "true" });
    expect(r.meta.redactions).toEqual({ email: 1, phone: 1, card: 1 });
    const text = JSON.stringify(r.lines);
    expect(text).toContain("Mail [EMAIL] or call [PHONE]");
    expect(text).toContain("Card [CARD] noted, version 1.2.3.4");
    expect(r.lines.find((l) => JSON.stringify(l).includes("nothing personal"))).toEqual(plain.lines.find((l) => JSON.stringify(l).includes("nothing personal")));
    expect(plain.meta.redactions).toBeUndefined();
  });

  it("csv: the counts travel in X-Export-Redactions, the cells are redacted", async () => {
    const res = await callExport(t, { type: "GENERATION", format: "csv", redact: "true" });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.headers.get("x-export-redactions")!)).toEqual({ email: 1, phone: 1, card: 1 });
    const rows = Papa.parse<Record<string, string>>(await res.text(), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.input).join(" ")).toContain("[EMAIL]");
    expect(rows.map((r) => r.input).join(" ")).not.toContain("ada@example.com");
    expect(res.headers.get("x-export-exported")).toBe("2");
  });
});

describe("fine-tuning options that do not fit: 400 naming the parameter", () => {
  let t: Tenancy;
  beforeAll(async () => {
    t = await makeTenancy("ft400");
  });

  it.each([
    ["format=jsonl&unit=trace", "unit"],
    ["format=csv&dedupe=true", "dedupe"],
    ["split=train", "split"],
    ["format=jsonl&maxTokens=100", "maxTokens"],
    ["format=csv&validationFraction=0.2", "validationFraction"],
    ["format=openai&unit=conversation", "unit"],
    ["format=openai&dedupe=yes", "dedupe"],
    ["format=openai&split=test", "split"],
    ["format=openai&split=train&validationFraction=1", "validationFraction"],
    ["format=openai&validationFraction=0", "validationFraction"],
    ["format=openai&validationFraction=abc", "validationFraction"],
    ["format=openai&maxTokens=0", "maxTokens"],
    ["format=openai&maxTokens=1.5", "maxTokens"],
    ["format=csv&redact=1", "redact"],
  ])("%s", async (qs, name) => {
    const res = await callExport(t, new URLSearchParams(qs));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).invalid_params?.map((p) => p.name)).toContain(name);
  });

  it("takes redact with every format", async () => {
    for (const format of ["jsonl", "csv", "openai"]) expect((await callExport(t, { format, redact: "true" })).status).toBe(200);
  });
});
