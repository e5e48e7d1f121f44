// The demo data set: sessions of traces over the last 30 days, each trace shaped by its feature's
// workload, then scored. Pure and deterministic: the same seed and `now` give the same rows, and the
// same seed at another `now` gives the same ids and content, shifted in time (which is what lets a
// re-run recognise what an earlier run wrote).
import { APP_VERSIONS, FEATURES, FEATURE_TAGS } from "./catalog";
import { Rng } from "./prng";
import { scoreTrace } from "./scores";
import { pickUser, sampleStart, traceVars } from "./timeline";
import { TraceBuilder } from "./trace-builder";
import type { DemoData } from "./types";
import { CONVERSATIONAL, WORKLOADS } from "./workloads";
import { instrument } from "./conventions/instrument";
import type { SessionState } from "./workload";

export const DEMO_SEED = 20261125;
/** Enough for every filter to find something, small enough to seed embedded PGlite in seconds. */
export const DEMO_TARGET_SPANS = 4000;

export interface GenerateOptions {
  now: Date;
  seed?: number;
  /** stop once at least this many spans exist (the last trace is finished, never cut) */
  targetSpans?: number;
}

/** Upper bound on one trace's duration, so a session placed before `now` ends before it too. */
const MAX_TRACE_MS = 3 * 60_000;

export function generateDemoData(opts: GenerateOptions): DemoData {
  const seed = opts.seed ?? DEMO_SEED;
  const nowMs = opts.now.getTime();
  const target = opts.targetSpans ?? DEMO_TARGET_SPANS;
  // Content and ids come from one stream, start times from another: the rejection sampler's number
  // of draws depends on `now`, and must not shift the ids.
  const rng = new Rng(seed);
  const clock = new Rng(seed ^ 0x5bd1e995);
  const data: DemoData = { spans: [], scores: [] };

  while (data.spans.length < target) {
    const user = pickUser(rng);
    const feature = rng.weighted(FEATURES);
    const env = user.beta ? rng.weighted([["production", 7], ["staging", 3]] as const) : rng.weighted([["production", 9], ["staging", 1]] as const);
    const appVersion = rng.weighted(APP_VERSIONS);
    const sessionId = `sess_${rng.hex(16)}`;
    const turns = CONVERSATIONAL.has(feature) ? rng.weighted([[1, 4], [2, 3], [3, 2], [5, 1]] as const) : 1;
    const offsets = [0];
    for (let i = 1; i < turns; i++) offsets.push(offsets[i - 1] + rng.int(20_000, 6 * 60_000));
    const sessionStart = sampleStart(clock, nowMs, nowMs - offsets[turns - 1] - turns * MAX_TRACE_MS - 60_000);
    const session: SessionState = { history: [], turn: 0 };
    let earliest = sessionStart;

    for (const offset of offsets) {
      const startMs = Math.max(sessionStart + offset, earliest);
      const tags = [env, ...(user.beta ? ["beta"] : []), ...FEATURE_TAGS[feature]];
      const b = new TraceBuilder(rng, {
        traceId: rng.hex(32),
        startMs,
        userId: user.id,
        sessionId,
        tags,
        legacySdk: appVersion === "2.12.5",
        metadata: { env, region: user.region, feature, customer_tier: user.tier, app_version: appVersion, locale: user.locale },
      });
      const outcome = WORKLOADS[feature]({ rng, b, user, session, feature, vars: traceVars(rng, user, startMs) });
      // Scored first, on the generator's rows: scores point at span ids, which instrumenting keeps.
      data.scores.push(...scoreTrace(rng, b.spans, outcome, feature, nowMs));
      data.spans.push(...instrument(feature, b.spans));
      session.turn++;
      earliest = b.now + 5_000;
    }
  }
  return data;
}
