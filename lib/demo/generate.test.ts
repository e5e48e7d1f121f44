// The generated demo data has the shape docs/data-model.md promises and everything docs/demo-data.md lists.
import { describe, expect, it } from "vitest";
import { MODELS, type ModelName } from "./catalog";
import { generateDemoData } from "./generate";
import type { ChatMessage, DemoSpan } from "./types";

const NOW = new Date("2026-11-25T12:00:00.000Z");
const DAY = 86_400_000;
const data = generateDemoData({ now: NOW });
const { spans, scores } = data;
const gens = spans.filter((s) => s.type === "GENERATION");
const byTrace = new Map<string, DemoSpan[]>();
for (const s of spans) byTrace.set(s.trace_id, [...(byTrace.get(s.trace_id) ?? []), s]);
const distinct = <T>(xs: T[]) => new Set(xs);
const messages = (v: unknown) => v as ChatMessage[];

describe("generateDemoData", () => {
  it("is deterministic, and keeps ids and names when only `now` changes", () => {
    expect(generateDemoData({ now: NOW })).toEqual(data);
    const later = generateDemoData({ now: new Date(NOW.getTime() + 3 * DAY + 12345) });
    const key = (s: DemoSpan) => `${s.trace_id}/${s.span_id}/${s.span_name}/${s.type}/${s.model}/${s.status}`;
    expect(later.spans.map(key)).toEqual(spans.map(key));
    expect(later.scores.map((s) => s.id)).toEqual(scores.map((s) => s.id));
    expect(later.spans.map((s) => s.timestamp)).not.toEqual(spans.map((s) => s.timestamp));
  });

  it("makes a few thousand spans in multi-span traces with unique ids", () => {
    expect(spans.length).toBeGreaterThanOrEqual(3000);
    expect(spans.length).toBeLessThanOrEqual(5000);
    expect(distinct(spans.map((s) => `${s.trace_id}/${s.span_id}`)).size).toBe(spans.length);
    expect(byTrace.size).toBeGreaterThan(500);
    const malformed = [...byTrace.values()].filter((trace) => {
      const roots = trace.filter((s) => s.parent_span_id === null);
      const ids = new Set(trace.map((s) => s.span_id));
      return roots.length !== 1 || roots[0].type !== "SPAN" || trace.some((s) => s.parent_span_id !== null && !ids.has(s.parent_span_id));
    });
    expect(malformed).toEqual([]);
    const rootNames = distinct(spans.filter((s) => !s.parent_span_id).map((s) => s.span_name));
    for (const name of ["chat-request", "rag-pipeline", "agent-run"]) expect(rootNames).toContain(name);
    expect([...byTrace.values()].filter((t) => t.length >= 4).length).toBeGreaterThan(200);
  });

  it("has all three span types, several models, ~20 users, sessions, tags and string metadata", () => {
    expect(distinct(spans.map((s) => s.type))).toEqual(new Set(["SPAN", "GENERATION", "EVENT"]));
    const models = distinct(gens.map((s) => s.model));
    for (const m of ["gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet", "llama-3.1-70b"]) expect(models).toContain(m);
    expect(spans.filter((s) => s.type !== "GENERATION").every((s) => s.model === null)).toBe(true);
    const users = distinct(spans.map((s) => s.user_id));
    expect(users.size).toBeGreaterThanOrEqual(18);
    expect(users.size).toBeLessThanOrEqual(22);
    expect(distinct(spans.map((s) => s.session_id)).size).toBeLessThan(byTrace.size);
    const tags = distinct(spans.flatMap((s) => s.tags));
    for (const t of ["production", "staging", "beta", "support", "sales"]) expect(tags).toContain(t);
    const badMetadata = spans.filter(
      (s) => !["env", "region", "feature", "customer_tier"].every((k) => k in s.metadata) || Object.values(s.metadata).some((v) => typeof v !== "string"),
    );
    expect(badMetadata).toEqual([]);
  });

  it("keeps GENERATION content in the canonical chat-message shape", () => {
    const roles = new Set(["system", "user", "assistant", "tool"]);
    const badMessage = (m: ChatMessage) =>
      !roles.has(m.role) ||
      !(m.content === null || typeof m.content === "string") ||
      (m.content === null && !(m.role === "assistant" && m.tool_calls?.length)) ||
      (m.role === "tool" && typeof m.tool_call_id !== "string");
    const offending = gens.filter((g) => {
      for (const list of [g.input, g.output]) {
        if (list !== null && (!Array.isArray(list) || messages(list).some(badMessage))) return true;
      }
      if (g.input !== null && (messages(g.input)[0].role !== "system" || !messages(g.input).some((m) => m.role === "user"))) return true;
      if (g.output !== null && !messages(g.output).every((m) => m.role === "assistant")) return true;
      const price = MODELS[g.model as ModelName];
      const cost = (g.input_tokens! * price.inputPrice + g.output_tokens! * price.outputPrice) / 1e6;
      return !(g.input_tokens! > 0) || Math.abs(g.cost! - cost) > 1e-7;
    });
    expect(offending).toEqual([]);
  });

  it("has tool calls, tool SPANs and later generations answering them with tool messages", () => {
    const callers = gens.filter((g) => g.tool_calls !== null);
    expect(callers.length).toBeGreaterThan(100);
    for (const g of callers) {
      const inMessage = messages(g.output).flatMap((m) => m.tool_calls ?? []);
      expect(g.tool_calls!.map((c) => c.id)).toEqual(inMessage.map((c) => c.id));
      for (const c of g.tool_calls!) {
        expect(typeof c.name).toBe("string");
        expect(typeof c.arguments).toBe("object");
      }
    }
    // Every tool result fed back to a model answers a call made earlier in the same conversation.
    const answering = gens.filter((g) => g.input !== null && messages(g.input).some((m) => m.role === "tool"));
    expect(answering.length).toBeGreaterThan(100);
    for (const g of answering) {
      const called = new Set(messages(g.input).flatMap((m) => m.tool_calls ?? []).map((c) => c.id));
      for (const m of messages(g.input).filter((x) => x.role === "tool")) expect(called.has(m.tool_call_id!)).toBe(true);
    }
    const toolSpans = spans.filter((s) => s.type === "SPAN" && s.span_name.startsWith("tool:"));
    expect(toolSpans.length).toBeGreaterThan(100);
  });

  it("has generations as each instrumentation convention sends them, mapped by ingest's own mapper", () => {
    const of = (feature: string) => gens.filter((g) => g.metadata.feature === feature);
    // OpenTelemetry GenAI attributes (support-chat): the messages became input/output, not raw attributes.
    const genai = of("support-chat");
    expect(genai.length).toBeGreaterThan(100);
    expect(genai.every((g) => g.attributes["gen_ai.operation.name"] === "chat" && !("gen_ai.input.messages" in g.attributes))).toBe(true);
    expect(genai.every((g) => g.session_id === g.attributes["gen_ai.conversation.id"])).toBe(true);
    // The GenAI event form (translator): the message events are the input, not EVENT rows.
    const translated = of("translator");
    expect(translated.filter((g) => g.input !== null).every((g) => messages(g.input)[0].role === "system")).toBe(true);
    expect(spans.filter((s) => s.type === "EVENT" && s.span_name.startsWith("gen_ai."))).toEqual([]);
    // OpenInference (support-agent), with the tools the agent was offered.
    const agent = of("support-agent");
    expect(agent.every((g) => g.attributes["openinference.span.kind"] === "LLM" && g.tools?.length === 6)).toBe(true);
    expect(agent.some((g) => messages(g.input ?? []).some((m) => m.role === "tool"))).toBe(true);
    // OpenLLMetry (docs-qa): user and session from association properties, which are metadata too.
    const rag = of("docs-qa");
    expect(rag.every((g) => g.attributes["llm.request.type"] === "chat" && g.metadata.user_id === g.user_id && g.metadata.session_id === g.session_id)).toBe(true);
    // Vercel AI SDK (code-assistant): each provider call inside a wrapper SPAN with no model or tokens.
    const byId = new Map(spans.map((s) => [`${s.trace_id}/${s.span_id}`, s]));
    const calls = of("code-assistant");
    expect(calls.length).toBeGreaterThan(50);
    const wrappers = calls.map((c) => byId.get(`${c.trace_id}/${c.parent_span_id}`));
    expect(calls.every((c) => c.span_name === "ai.streamText.doStream")).toBe(true);
    expect(wrappers.every((w) => w?.span_name === "ai.streamText" && w.type === "SPAN" && w.model === null && w.input_tokens === null)).toBe(true);
    // The other features keep the generator's own rows, tools included where a model was offered some.
    expect(of("sql-copilot").every((g) => g.attributes["flywheel.span_type"] === "GENERATION" && g.tools?.[0].function.name === "run_sql")).toBe(true);
  });

  it("has ~5% errors with messages, mostly OK, some UNSET, and generations the fine-tuning export must skip", () => {
    const errors = spans.filter((s) => s.status === "STATUS_CODE_ERROR");
    expect(errors.length / spans.length).toBeGreaterThan(0.03);
    expect(errors.length / spans.length).toBeLessThan(0.08);
    expect(errors.every((s) => typeof s.status_message === "string" && s.status_message.length > 0)).toBe(true);
    expect(errors.some((s) => s.type === "GENERATION" && s.output === null)).toBe(true);
    expect(spans.filter((s) => s.status === "STATUS_CODE_OK").length / spans.length).toBeGreaterThan(0.6);
    expect(spans.some((s) => s.status === "STATUS_CODE_UNSET" && s.type !== "EVENT")).toBe(true);
    expect(gens.some((g) => g.status !== "STATUS_CODE_ERROR" && g.output === null && g.input !== null)).toBe(true);
    expect(gens.some((g) => g.input === null)).toBe(true);
  });

  it("has varied text with unicode, quotes, commas and newlines", () => {
    const texts = gens.flatMap((g) => [...messages(g.input ?? []), ...messages(g.output ?? [])]).map((m) => m.content ?? "");
    expect(distinct(texts).size).toBeGreaterThan(300);
    for (const re of [/[^\x00-\x7f]/, /"/, /,/, /\n/, /[\u3040-\u30ff\u4e00-\u9fff]/]) expect(texts.some((t) => re.test(t))).toBe(true);
    const prompts = texts.join("\n");
    for (const topic of [/refund/i, /```/, /SELECT/, /Summarise/, /Translate/]) expect(prompts).toMatch(topic);
  });

  it("puts every span in the 30 days before now, children inside their root", () => {
    // Offending rows are collected, so a failure names them (and 4,000 rows cost one assertion).
    const outside = spans.filter((s) => {
      const start = Date.parse(s.timestamp);
      const end = Date.parse(s.end_time!);
      return start <= NOW.getTime() - 30 * DAY || end > NOW.getTime() || s.latency_ms !== end - start;
    });
    expect(outside).toEqual([]);
    const escaping = [...byTrace.values()].flatMap((trace) => {
      const root = trace.find((s) => !s.parent_span_id)!;
      return trace.filter((s) => s.timestamp < root.timestamp || s.end_time! > root.end_time!);
    });
    expect(escaping).toEqual([]);
  });

  it("scores many traces: correctness, helpfulness, latency_ok, toxicity from eval, human and api", () => {
    const names = distinct(scores.map((s) => s.name));
    for (const n of ["correctness", "helpfulness", "latency_ok", "toxicity"]) expect(names).toContain(n);
    expect(distinct(scores.map((s) => s.source))).toEqual(new Set(["eval", "human", "api"]));
    expect(distinct(scores.map((s) => s.trace_id)).size / byTrace.size).toBeGreaterThan(0.6);
    const spanLevel = scores.filter((s) => s.span_id !== null);
    expect(spanLevel.length).toBeGreaterThan(20);
    expect(spanLevel.length).toBeLessThan(scores.length / 4);
    expect(distinct(scores.map((s) => s.id)).size).toBe(scores.length);
    const offending = scores.filter((s) => {
      const trace = byTrace.get(s.trace_id);
      const at = Date.parse(s.created_at);
      return (
        (s.name === "latency_ok" ? ![0, 1].includes(s.value) : !(s.value >= 0 && s.value <= 1)) ||
        !trace ||
        (s.span_id !== null && !trace.some((x) => x.span_id === s.span_id)) ||
        at > NOW.getTime() ||
        at < Date.parse(trace[0].timestamp)
      );
    });
    expect(offending).toEqual([]);
    expect(scores.some((s) => s.comment && /[^\x00-\x7f]/.test(s.comment))).toBe(true);
  });
});
