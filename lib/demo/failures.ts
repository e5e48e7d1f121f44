// What goes wrong in production, with the messages the providers and services really send.
// Probabilities are per call; they put the demo's error rate near 5% of spans.
import type { ModelName } from "./catalog";
import type { Rng } from "./prng";

export interface Failure {
  message: string;
  durationMs: number;
  /** the app's client retries these once on a fallback model */
  retryable: boolean;
}

export function modelFailure(rng: Rng, model: ModelName): Failure | undefined {
  const r = rng.next();
  if (r < 0.028) {
    return model.startsWith("claude")
      ? { message: "overloaded_error: Overloaded (HTTP 529)", durationMs: rng.int(150, 900), retryable: true }
      : {
          message: `RateLimitError: 429 Rate limit reached for ${model} in organization org-acme on tokens per min (TPM): Limit 800000, Used ${rng.int(795000, 799900)}, Requested ${rng.int(900, 4200)}. Please try again in ${rng.int(200, 900)}ms.`,
          durationMs: rng.int(60, 260),
          retryable: true,
        };
  }
  if (r < 0.048) return { message: "APITimeoutError: Request timed out after 30000 ms", durationMs: 30000 + rng.int(0, 40), retryable: false };
  if (r < 0.062) return { message: "InternalServerError: 503 Service Unavailable, \"The server is overloaded, please retry\"", durationMs: rng.int(900, 6500), retryable: false };
  if (r < 0.069) {
    return {
      message: `BadRequestError: 400 context_length_exceeded: This model's maximum context length is 128000 tokens. However, your messages resulted in ${rng.int(128100, 141000)} tokens.`,
      durationMs: rng.int(180, 420),
      retryable: false,
    };
  }
  return undefined;
}

/** The model the app falls back to when the first choice is rate limited or overloaded. */
export function fallbackFor(model: ModelName): ModelName {
  if (model === "gpt-4o") return "claude-3-5-sonnet";
  if (model === "claude-3-5-sonnet") return "gpt-4o";
  if (model === "claude-3-5-haiku") return "gpt-4o-mini";
  return "llama-3.1-70b" === model ? "gpt-4o-mini" : "claude-3-5-haiku";
}
