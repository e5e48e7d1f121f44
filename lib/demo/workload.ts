// What every workload (one trace shape per feature) gets, and the model call they all go through:
// failures, the retry on a fallback model, privacy mode and aborted streams live here, once.
import type { DemoUser, Feature, ModelName } from "./catalog";
import { fallbackFor, modelFailure } from "./failures";
import type { Rng } from "./prng";
import { estimateTokens, type GenerationInput, type TraceBuilder } from "./trace-builder";
import type { ChatMessage, DemoSpan } from "./types";

/** Carried across the traces of one session, so later turns see the earlier ones. */
export interface SessionState {
  history: ChatMessage[];
  turn: number;
}

export interface Workload {
  rng: Rng;
  b: TraceBuilder;
  user: DemoUser;
  session: SessionState;
  feature: Feature;
  /** vars every template may use: the user's name, an order number, a date … */
  vars: Record<string, string | number>;
}

export interface Outcome {
  /** set when the trace failed; its root span carries this message */
  error?: string;
  /** the generation whose answer the user saw: span-level scores attach to it */
  answer?: DemoSpan;
  model: ModelName;
  /** moves the eval scores: negative for answers known to be weak (a tool failed, the SQL was wrong) */
  qualityShift?: number;
  /** span-level checks a deterministic evaluator ran (e.g. "did the SQL run"), stored as eval scores */
  checks?: { span: DemoSpan; name: string; value: number; comment?: string }[];
}

export interface ModelCall {
  span: DemoSpan;
  model: ModelName;
  /** the call failed for good: the trace should stop here with this error */
  error?: string;
  /** the stream ended without an answer (the user left): no output, no error */
  aborted?: boolean;
}

/** Features a person waits on: only their streams get abandoned mid-answer. */
const INTERACTIVE: ReadonlySet<Feature> = new Set(["support-chat", "support-agent", "docs-qa", "code-assistant"]);

export function callModel(w: Workload, parent: DemoSpan, name: string, g: GenerationInput): ModelCall {
  const captured: GenerationInput = w.user.privacyMode
    ? {
        ...g,
        messages: null,
        output: null,
        tokens: { input: estimateTokens(g.messages), output: Math.max(1, estimateTokens(g.output) - 3) },
        metadata: { ...g.metadata, capture_content: "false" },
      }
    : g;
  const failure = modelFailure(w.rng, g.model);
  if (failure) {
    const span = w.b.generation(parent, name, { ...captured, error: failure.message, durationMs: failure.durationMs });
    if (!failure.retryable) return { span, model: g.model, error: failure.message };
    const fallback = fallbackFor(g.model);
    w.b.event(parent, "llm.retry", { attempt: 2, reason: failure.message.split(":")[0], fallback_model: fallback });
    const retry = w.b.generation(parent, name, { ...captured, model: fallback, metadata: { ...captured.metadata, retry_of: span.span_id } });
    return { span: retry, model: fallback };
  }
  if (w.rng.chance(0.012) && INTERACTIVE.has(w.feature) && g.output?.every((m) => !m.tool_calls)) {
    // the user closed the tab mid-stream: no answer, no error either
    const span = w.b.generation(parent, name, { ...captured, output: null, aborted: true, metadata: { ...captured.metadata, finish_reason: "client_disconnected" } });
    return { span, model: g.model, aborted: true };
  }
  return { span: w.b.generation(parent, name, captured), model: g.model };
}

/** A model for this feature and user: enterprise traffic goes to the bigger models more often. */
export function chooseModel(w: Workload, options: readonly (readonly [ModelName, number])[]): ModelName {
  const boosted = options.map(([m, weight]) => [m, w.user.tier === "enterprise" && /4o$|sonnet/.test(m) ? weight * 1.8 : weight] as const);
  return w.rng.weighted(boosted);
}
