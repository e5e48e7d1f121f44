// Builds the spans of one trace on a simulated clock: children run one after another inside the
// root, each GENERATION gets tokens, latency and cost from its model, and every span carries the
// trace's user, session, tags and metadata (as an instrumented app stamps them on every span).
import type { Status } from "../core/filters";
import { MODELS, type ModelName } from "./catalog";
import type { Rng } from "./prng";
import { toolCallsOf } from "../core/ingest/chat-messages";
import type { ToolDefinition } from "../core/ingest/tool-definitions";
import type { ChatMessage, DemoSpan } from "./types";

export interface TraceContext {
  traceId: string;
  startMs: number;
  userId: string;
  sessionId: string;
  metadata: Record<string, string>;
  tags: string[];
  /** spans from the old SDK never set a status: success stays STATUS_CODE_UNSET */
  legacySdk: boolean;
}

export interface GenerationInput {
  model: ModelName;
  /** null: the app did not capture the prompt (privacy mode) */
  messages: ChatMessage[] | null;
  /** null: no answer (failed or aborted); otherwise the output messages, usually one assistant message */
  output: ChatMessage[] | null;
  error?: string;
  /** the tool definitions the model is offered */
  tools?: ToolDefinition[];
  /** a failure's duration, when it is not the model's normal pace (timeouts, fast 429s) */
  durationMs?: number;
  temperature?: number;
  metadata?: Record<string, string>;
  /** tokens to report when messages/output are not captured */
  tokens?: { input: number; output: number };
  /** the stream ended without an answer and without an error */
  aborted?: boolean;
}

/** ~4 characters a token for Latin text, fewer for CJK, plus the per-message overhead the APIs bill. */
export function estimateTokens(messages: ChatMessage[] | null): number {
  if (!messages) return 0;
  let n = 3;
  for (const m of messages) {
    n += 4 + textTokens(m.content ?? "");
    for (const c of m.tool_calls ?? []) n += 6 + textTokens(c.function.name + c.function.arguments);
  }
  return n;
}

function textTokens(text: string): number {
  let wide = 0;
  for (const ch of text) if (ch.codePointAt(0)! > 0x2e80) wide++;
  return Math.ceil((text.length - wide) / 3.9 + wide * 0.9);
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export class TraceBuilder {
  readonly spans: DemoSpan[] = [];
  private clock: number;

  constructor(
    private readonly rng: Rng,
    readonly ctx: TraceContext,
  ) {
    this.clock = ctx.startMs;
  }

  get now(): number {
    return this.clock;
  }

  /** Time the app spends between steps (parsing, network), so children do not touch. */
  gap(minMs = 2, maxMs = 40): void {
    this.clock += this.rng.int(minMs, maxMs);
  }

  root(name: string, input: unknown): DemoSpan {
    const span = this.push(name, "SPAN", null, input);
    this.gap(1, 8);
    return span;
  }

  /** A plain SPAN (tool call, retrieval, database query) that takes `durationMs`. */
  span(parent: DemoSpan, name: string, o: { input: unknown; output: unknown; durationMs: number; error?: string; metadata?: Record<string, string> }): DemoSpan {
    const span = this.push(name, "SPAN", parent.span_id, o.input, o.metadata);
    this.close(span, this.clock + o.durationMs, o.error);
    span.output = o.error ? null : o.output;
    this.gap();
    return span;
  }

  /** A point-in-time EVENT: no duration; status left unset, as SDKs do for log-like spans. */
  event(parent: DemoSpan, name: string, input: unknown, metadata?: Record<string, string>): DemoSpan {
    const span = this.push(name, "EVENT", parent.span_id, input, metadata);
    span.end_time = span.timestamp;
    span.latency_ms = 0;
    span.status = "STATUS_CODE_UNSET";
    this.gap(0, 3);
    return span;
  }

  generation(parent: DemoSpan, name: string, g: GenerationInput): DemoSpan {
    const model = MODELS[g.model];
    const span = this.push(name, "GENERATION", parent.span_id, g.messages && [...g.messages], { ...g.metadata, model_provider: model.system });
    const inputTokens = g.tokens?.input ?? estimateTokens(g.messages);
    const outputTokens = g.error ? 0 : (g.tokens?.output ?? Math.max(1, estimateTokens(g.output) - 3));
    const pace = model.ttftMs * this.rng.float(0.7, 1.6) + outputTokens * model.msPerToken * this.rng.float(0.8, 1.35) + inputTokens * 0.04;
    this.close(span, this.clock + Math.round(g.durationMs ?? pace), g.error);
    if (g.aborted) span.status = "STATUS_CODE_UNSET";
    span.model = g.model;
    span.output = g.error || !g.output ? null : [...g.output];
    span.input_tokens = inputTokens;
    span.output_tokens = outputTokens;
    span.cost = round((inputTokens * model.inputPrice + outputTokens * model.outputPrice) / 1e6, 8);
    // The column as ingest fills it from the same messages.
    span.tool_calls = toolCallsOf((span.output as ChatMessage[] | null) ?? undefined);
    span.tools = g.tools ? [...g.tools] : null;
    Object.assign(span.attributes, {
      "gen_ai.system": model.system,
      "gen_ai.operation.name": "chat",
      "gen_ai.request.model": g.model,
      "gen_ai.request.temperature": g.temperature ?? 0.2,
      "gen_ai.usage.input_tokens": inputTokens,
      "gen_ai.usage.output_tokens": outputTokens,
      ...(g.error ? {} : { "gen_ai.response.model": model.responseModel }),
    });
    this.gap();
    return span;
  }

  /** Closes the root around its children. */
  finish(root: DemoSpan, output: unknown, error?: string): void {
    this.gap(1, 12);
    this.close(root, this.clock, error);
    root.output = output;
  }

  private push(name: string, type: DemoSpan["type"], parentId: string | null, input: unknown, metadata: Record<string, string> = {}): DemoSpan {
    const span: DemoSpan = {
      trace_id: this.ctx.traceId,
      span_id: this.rng.hex(16),
      parent_span_id: parentId,
      span_name: name,
      type,
      model: null,
      status: "STATUS_CODE_UNSET",
      status_message: null,
      timestamp: new Date(this.clock).toISOString(),
      end_time: null,
      latency_ms: null,
      input,
      output: null,
      tool_calls: null,
      metadata: { ...this.ctx.metadata, ...metadata },
      user_id: this.ctx.userId,
      session_id: this.ctx.sessionId,
      tags: [...this.ctx.tags],
      input_tokens: null,
      output_tokens: null,
      cost: null,
      tools: null,
      attributes: {
        "user.id": this.ctx.userId,
        "session.id": this.ctx.sessionId,
        "flywheel.span_type": type,
        // marks rows the seed wrote, so they can be told apart from ingested ones
        "flywheel.demo": true,
      },
    };
    this.spans.push(span);
    return span;
  }

  private close(span: DemoSpan, endMs: number, error?: string): void {
    this.clock = Math.max(this.clock, endMs);
    span.end_time = new Date(endMs).toISOString();
    span.latency_ms = endMs - Date.parse(span.timestamp);
    const ok: Status = this.ctx.legacySdk ? "STATUS_CODE_UNSET" : "STATUS_CODE_OK";
    span.status = error ? "STATUS_CODE_ERROR" : ok;
    span.status_message = error ?? null;
  }
}
