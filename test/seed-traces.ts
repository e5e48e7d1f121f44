// Deterministic spans and scores for one test tenant's app, shaped like docs/data-model.md: traces of
// a root SPAN, a GENERATION (system/user → assistant, every third with an earlier tool call and its
// result in the input, and the tool's definition in `tools`) and sometimes an EVENT; a trace-level `correctness` score and a span-level
// `helpfulness` score. Used by the API tests (vitest) and the browser specs (Playwright).
import type { Prisma, PrismaClient } from "@prisma/client";

export const SEED_MODELS = ["gpt-4o-mini", "gpt-4o", "claude-3-5-sonnet"] as const;
export const SEED_TRACES = 60;
/** Traces start every 3 hours back from `now`, so 60 traces reach 7.5 days into the past. */
export const TRACE_SPACING_MS = 3 * 3_600_000;

export interface SeedOptions {
  now?: Date;
  traces?: number;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/** The tool the generations with a tool call were offered (docs/data-model.md, `tools`). */
export const LOOKUP_ORDER = {
  type: "function",
  function: { name: "lookup_order", description: "Shipping status of an order", parameters: { type: "object", properties: { order_id: { type: "integer" } }, required: ["order_id"] } },
};

/** correctness of trace i: spread over [0, 1) without a pattern that lines up with the models. */
export const correctnessOf = (i: number) => ((i * 37) % 100) / 100;

export async function seedSpans(prisma: PrismaClient, appId: string, opts: SeedOptions = {}) {
  const now = opts.now ?? new Date();
  const traces = opts.traces ?? SEED_TRACES;
  const spans: Prisma.SpanCreateManyInput[] = [];
  const scores: Prisma.ScoreCreateManyInput[] = [];

  for (let i = 0; i < traces; i++) {
    const traceId = hex(0xabc000 + i, 32);
    const start = now.getTime() - i * TRACE_SPACING_MS - 60_000;
    const model = SEED_MODELS[i % SEED_MODELS.length];
    const user = `user-${i % 4}`;
    const tags = i % 2 === 0 ? ["prod", "checkout"] : ["prod"];
    const metadata = { region: i % 3 === 0 ? "eu" : "us", feature: "support-bot" };
    const rootId = hex(i * 10 + 1, 16);
    const genId = hex(i * 10 + 2, 16);
    const withTool = i % 3 === 0;
    const question = `Where is my order #${1000 + i}?`;
    const input = [
      { role: "system", content: "You are a helpful support assistant for an online shop." },
      { role: "user", content: question },
      ...(withTool
        ? [
            {
              role: "assistant",
              content: null,
              tool_calls: [{ id: `call_${i}`, type: "function", function: { name: "lookup_order", arguments: JSON.stringify({ order_id: 1000 + i }) } }],
            },
            { role: "tool", tool_call_id: `call_${i}`, content: JSON.stringify({ status: "shipped", eta: "2 days" }) },
          ]
        : []),
    ];
    const output = [{ role: "assistant", content: `Your order #${1000 + i} has shipped and should arrive in 2 days.` }];
    const common = { appId, traceId, userId: user, sessionId: `sess-${i % 7}`, tags, metadata };

    spans.push({
      ...common,
      spanId: rootId,
      parentSpanId: null,
      spanName: "handle-support-request",
      type: "SPAN",
      status: "STATUS_CODE_OK",
      timestamp: new Date(start),
      endTime: new Date(start + 2400),
      latencyMs: 2400,
      input: question,
      output: output[0].content,
    });
    const failed = i % 11 === 5;
    spans.push({
      ...common,
      spanId: genId,
      parentSpanId: rootId,
      spanName: "chat-completion",
      type: "GENERATION",
      model,
      status: failed ? "STATUS_CODE_ERROR" : "STATUS_CODE_OK",
      statusMessage: failed ? "upstream timeout after 30 s" : null,
      timestamp: new Date(start + 100),
      endTime: new Date(start + 2100),
      latencyMs: 2000 + i,
      input,
      output,
      // The tool call belongs to an earlier turn (in the input history); this span's own output
      // makes none, so its tool_calls column stays null (docs/data-model.md).
      inputTokens: 120 + i,
      outputTokens: 30 + i,
      cost: 0.0004 + i / 100000,
      ...(withTool ? { tools: [LOOKUP_ORDER] } : {}),
    });
    if (i % 3 === 1) {
      spans.push({
        ...common,
        spanId: hex(i * 10 + 3, 16),
        parentSpanId: rootId,
        spanName: "cache-miss",
        type: "EVENT",
        status: "STATUS_CODE_UNSET",
        timestamp: new Date(start + 50),
        latencyMs: 0,
      });
    }
    scores.push({ appId, traceId, spanId: null, name: "correctness", value: correctnessOf(i), source: "eval", createdAt: new Date(start + 5000) });
    scores.push({ appId, traceId, spanId: genId, name: "helpfulness", value: ((i * 53) % 100) / 100, source: "human", label: i % 2 ? "good" : null, createdAt: new Date(start + 6000) });
  }
  await prisma.span.createMany({ data: spans });
  await prisma.score.createMany({ data: scores });
  return { spans: spans.length, scores: scores.length };
}
