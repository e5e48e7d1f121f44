// Scores for one finished trace, the way a team's evaluation loop produces them: an LLM judge
// (source `eval`) scores most traces on correctness/helpfulness/toxicity, the app reports whether the
// request met its latency budget (`api`), and people rate some answers (`human`, on the answer span).
import { MODELS } from "./catalog";
import type { Feature } from "./catalog";
import type { Rng } from "./prng";
import type { DemoScore, DemoSpan, ScoreSource } from "./types";
import type { Outcome } from "./workload";

const MINUTE = 60_000;

/** ms the user is willing to wait, per feature: latency_ok is 1 within it. */
const LATENCY_BUDGET_MS: Record<Feature, number> = {
  "support-chat": 1800,
  "support-agent": 6000,
  "docs-qa": 2500,
  "code-assistant": 2800,
  "sql-copilot": 6000,
  "doc-summary": 4500,
  translator: 1600,
  "sales-assistant": 4500,
};

const HUMAN_UP = ["Perfect 👌", "Exactly what the customer needed", "Good, concise answer", "Respuesta correcta, ¡gracias!", "Cited the right doc"];
const HUMAN_DOWN = [
  'Didn\'t answer the "second charge" part of the question',
  "Too long, and it promised a refund without checking the order",
  "Wrong firmware version: it's 4.2.1, not 4.2",
  "Hallucinated a setting that doesn't exist (Settings → Advanced → \"Turbo mode\")",
  "Tone is off; customer was upset, answer sounds robotic",
];

const round = (n: number) => Math.round(n * 1000) / 1000;

export function scoreTrace(rng: Rng, spans: DemoSpan[], outcome: Outcome, feature: Feature, nowMs: number): DemoScore[] {
  const root = spans[0];
  const traceId = root.trace_id;
  const endMs = Date.parse(root.end_time ?? root.timestamp);
  const scores: DemoScore[] = [];
  // Scores are written after the trace ends, and never in the future.
  const at = (minMinutes: number, maxMinutes: number) => new Date(Math.min(nowMs - 1000, endMs + rng.int(minMinutes * MINUTE, maxMinutes * MINUTE))).toISOString();
  const add = (name: string, value: number, source: ScoreSource, createdAt: string, extra: { spanId?: string; label?: string; comment?: string } = {}) =>
    scores.push({ id: `sc_${rng.hex(24)}`, trace_id: traceId, span_id: extra.spanId ?? null, name, value, label: extra.label ?? null, comment: extra.comment ?? null, source, created_at: createdAt });

  const failed = outcome.error !== undefined;
  const quality = MODELS[outcome.model].quality + (outcome.qualityShift ?? 0);

  if (rng.chance(0.8)) {
    const correctness = round(failed ? rng.float(0, 0.1) : rng.around(quality, 0.22, 0, 1));
    const label = correctness >= 0.8 ? "correct" : correctness >= 0.5 ? "partially_correct" : "incorrect";
    const judged = at(1, 90);
    add("correctness", correctness, "eval", judged, { label, comment: failed ? `no answer: ${outcome.error!.split(":")[0]}` : rng.chance(0.2) ? `judge: ${label.replace("_", " ")}, "${rng.pick(["grounded in the context", "matches the tool results", "missing a step", "states a wrong number", "answers a different question"])}"` : undefined });
    if (rng.chance(0.85)) add("helpfulness", round(failed ? rng.float(0, 0.15) : rng.around(quality + 0.04, 0.18, 0, 1)), "eval", judged);
    if (rng.chance(0.5)) {
      const toxic = rng.chance(0.025);
      add("toxicity", round(toxic ? rng.float(0.35, 0.92) : rng.float(0, 0.04)), "eval", judged, toxic ? { label: "flagged", comment: "judge flagged the tone; review in the annotation queue" } : {});
    }
    // A newer judge re-scored some traces: the newest score of a name is the one a row shows.
    if (rng.chance(0.06)) add("correctness", round(failed ? 0 : rng.around(quality, 0.15, 0, 1)), "eval", at(24 * 60, 3 * 24 * 60), { comment: "re-evaluated with judge v2 (gpt-4o, rubric 2024-11)" });
  }

  if (rng.chance(0.65)) {
    const ok = (root.latency_ms ?? 0) <= LATENCY_BUDGET_MS[feature];
    add("latency_ok", ok ? 1 : 0, "api", at(0, 1), { label: ok ? "within_budget" : "over_budget" });
  }

  if (outcome.answer && !failed && rng.chance(0.12)) {
    const up = rng.chance(Math.min(0.95, quality));
    add("helpfulness", up ? 1 : 0, "human", at(60, 4 * 24 * 60), { spanId: outcome.answer.span_id, label: up ? "thumbs_up" : "thumbs_down", comment: rng.chance(0.6) ? rng.pick(up ? HUMAN_UP : HUMAN_DOWN) : undefined });
  }

  for (const check of outcome.checks ?? []) add(check.name, check.value, "eval", at(0, 2), { spanId: check.span.span_id, comment: check.comment });
  return scores;
}
