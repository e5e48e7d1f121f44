// Conversations as producers send them, built as OTLP JSON and posted to the real ingest route
// (POST /v1/traces): GenAI semantic-convention attributes (gen_ai.input.messages /
// gen_ai.output.messages with OpenAI-shaped messages, gen_ai.tool.definitions), session.id.
// Two producer styles: an agent loop that resends the whole history to every call, and a chat app
// that sends only the current turn.
import { expect } from "vitest";
import { baseUrl, type Tenancy } from "../fixtures";
import { authHeaders } from "../ingest/otel";

type Message = Record<string, unknown>;

export interface Generation {
  input: Message[];
  output: Message[];
  tools?: unknown[];
}

export interface TraceSpec {
  traceId: string;
  sessionId?: string;
  /** Seconds before now of the trace's first span; its spans follow 1 s apart. */
  agoSeconds: number;
  generations: Generation[];
}

const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });

/** The OTLP JSON span of one generation (a child of the trace's root span). */
function generationSpan(t: TraceSpec, g: Generation, i: number, startNs: bigint) {
  const attributes = [
    attr("gen_ai.operation.name", "chat"),
    attr("gen_ai.request.model", "gpt-4o-mini"),
    attr("gen_ai.input.messages", JSON.stringify(g.input)),
    attr("gen_ai.output.messages", JSON.stringify(g.output)),
  ];
  if (g.tools) attributes.push(attr("gen_ai.tool.definitions", JSON.stringify(g.tools)));
  if (t.sessionId) attributes.push(attr("session.id", t.sessionId));
  return {
    traceId: t.traceId,
    spanId: (i + 1).toString(16).padStart(16, "0"),
    parentSpanId: "f".repeat(16),
    name: `chat gpt-4o-mini #${i + 1}`,
    kind: 3,
    startTimeUnixNano: String(startNs),
    endTimeUnixNano: String(startNs + 500_000_000n),
    attributes,
    status: {},
  };
}

/** Posts the traces (a root span and its generations each) through POST /v1/traces. */
export async function sendTraces(tenancy: Tenancy, traces: TraceSpec[]): Promise<void> {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  const spans = traces.flatMap((t) => {
    const start = nowNs - BigInt(t.agoSeconds) * 1_000_000_000n;
    const root = {
      traceId: t.traceId,
      spanId: "f".repeat(16),
      name: "handle request",
      kind: 2,
      startTimeUnixNano: String(start),
      endTimeUnixNano: String(start + BigInt(t.generations.length + 1) * 1_000_000_000n),
      attributes: t.sessionId ? [attr("session.id", t.sessionId)] : [],
      status: {},
    };
    return [root, ...t.generations.map((g, i) => generationSpan(t, g, i, start + BigInt(i + 1) * 1_000_000_000n))];
  });
  const body = { resourceSpans: [{ resource: { attributes: [attr("service.name", "finetune-test")] }, scopeSpans: [{ scope: { name: "test" }, spans }] }] };
  const res = await fetch(`${baseUrl()}/v1/traces`, {
    method: "POST",
    headers: { "content-type": "application/json", ...authHeaders(tenancy) },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(await res.json()).toEqual({});
}

export const hex32 = (label: string, n: number) => `${label}${n.toString(16)}`.padStart(32, "0").slice(-32);

export const SYSTEM = { role: "system", content: "You are Acme's support assistant." };
export const LOOKUP = {
  type: "function",
  function: {
    name: "lookup_order",
    description: "Find an order by id.",
    parameters: { type: "object", properties: { order_id: { type: "string", description: "The order id" } }, required: ["order_id"] },
  },
};
const call = (id: string, order: string) => ({ id, type: "function", function: { name: "lookup_order", arguments: JSON.stringify({ order_id: order }) } });

/** An agent loop: every call resends the whole conversation so far, a tool round in the middle. */
export function agentLoop(traceId: string, agoSeconds: number, order = "A-17", callId = "call_1", sessionId?: string): TraceSpec {
  const u1 = { role: "user", content: `Where is order ${order}? Reach me at ada@example.com.` };
  const a1 = { role: "assistant", content: null, tool_calls: [call(callId, order)] };
  const t1 = { role: "tool", tool_call_id: callId, content: `{"status":"shipped","order":"${order}"}` };
  const a2 = { role: "assistant", content: `Order ${order} has shipped.` };
  const u2 = { role: "user", content: "Thanks!" };
  const a3 = { role: "assistant", content: "You're welcome." };
  return {
    traceId,
    sessionId,
    agoSeconds,
    generations: [
      { input: [SYSTEM, u1], output: [a1], tools: [LOOKUP] },
      { input: [SYSTEM, u1, a1, t1], output: [a2], tools: [LOOKUP] },
      { input: [SYSTEM, u1, a1, t1, a2, u2], output: [a3], tools: [LOOKUP] },
    ],
  };
}

/** A chat app logging one call per request: each generation carries only its own turn. */
export function ownTurns(traceId: string, agoSeconds: number, turns: [string, string][], sessionId?: string): TraceSpec {
  return {
    traceId,
    sessionId,
    agoSeconds,
    generations: turns.map(([q, a]) => ({ input: [SYSTEM, { role: "user", content: q }], output: [{ role: "assistant", content: a }] })),
  };
}
