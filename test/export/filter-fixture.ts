// A small app whose rows are chosen so that every filter, alone or combined, selects a different set.
// Row scores (docs/data-model.md): own span's scores + the trace's trace-level scores, newest per name,
// nothing older than the 90-day retention window.
//   s1 {correctness 0.9 (trace), helpfulness 0.7}      s4 {helpfulness 0.95 (trace; an older 0.4 is superseded)}
//   s2 {correctness 0.2 (own, newer than the trace's)}  s5 {helpfulness 0.95 (trace), correctness 0.5}
//   s3 {correctness 0.9 (trace)}                        s6 {toxicity 0} (its 0.3 and 1.0 are past retention)
//   s7 is 40 days old: outside the default 30-day window.
import type { Tenancy } from "../fixtures";
import { ago, generation, insertScores, insertSpans, type SeedSpan } from "./seed";

const days = (n: number) => n * 24 * 60;

export const TS = {
  s1: ago(10),
  s2: ago(20),
  s3: ago(30),
  s4: ago(40),
  s5: ago(50),
  s6: ago(60),
  s7: ago(days(40)),
};

export const ALL = ["s1", "s2", "s3", "s4", "s5", "s6"];

export async function seedFilterFixture(t: Tenancy): Promise<void> {
  const spans: SeedSpan[] = [
    generation("t1", "s1", TS.s1, { name: "Chat Completion", model: "gpt-4o", status: "STATUS_CODE_OK", userId: "u1", tags: ["a", "b"], metadata: { env: "prod", team: "x" } }),
    generation("t1", "s2", TS.s2, { name: "chat_retry", model: "gpt-4o-mini", status: "STATUS_CODE_ERROR", userId: "u2", tags: ["b"], metadata: { env: "dev" } }),
    { traceId: "t1", spanId: "s3", timestamp: TS.s3, name: "retrieve 100%", type: "SPAN", status: "STATUS_CODE_UNSET", userId: "u1", metadata: { env: "prod" }, input: "q", output: { docs: 3 } },
    { traceId: "t2", spanId: "s4", timestamp: TS.s4, name: "feedback", type: "EVENT", status: "STATUS_CODE_OK", tags: ["c"] },
    generation("t2", "s5", TS.s5, { name: "summarize", model: "gpt-4o", status: "STATUS_CODE_OK", userId: "u3", tags: ["a"], metadata: { env: "prod", team: "y" } }),
    generation("t3", "s6", TS.s6, { name: "50%_off detector", model: "claude-3-5-sonnet", status: "STATUS_CODE_UNSET", userId: "u2", tags: ["a", "c"], metadata: { env: "staging" } }),
    generation("t4", "s7", TS.s7, { name: "ancient chat", model: "gpt-4o", userId: "u1", tags: ["a"], metadata: { env: "prod" } }),
  ];
  await insertSpans(t.appId, spans);
  await insertScores(t.appId, [
    { traceId: "t1", name: "correctness", value: 0.9, createdAt: ago(5) },
    { traceId: "t1", spanId: "s2", name: "correctness", value: 0.2, createdAt: ago(1) },
    { traceId: "t1", spanId: "s1", name: "helpfulness", value: 0.7, createdAt: ago(3) },
    { traceId: "t2", name: "helpfulness", value: 0.4, createdAt: ago(days(2)) },
    { traceId: "t2", name: "helpfulness", value: 0.95, createdAt: ago(60) },
    { traceId: "t2", spanId: "s5", name: "correctness", value: 0.5, createdAt: ago(2) },
    { traceId: "t3", name: "correctness", value: 0.3, createdAt: ago(days(100)) },
    { traceId: "t3", spanId: "s6", name: "helpfulness", value: 1, createdAt: ago(days(95)) },
    { traceId: "t3", spanId: "s6", name: "toxicity", value: 0, createdAt: ago(4) },
    // Another span's own score never reaches its siblings.
    { traceId: "t1", spanId: "s3-other", name: "helpfulness", value: 0.1, createdAt: ago(1) },
  ]);
}

/** Filter cases: query parameters → the span ids they select, newest first. */
export const FILTER_CASES: [string, Record<string, string | string[]>, string[]][] = [
  ["no filter (default 30-day window)", {}, ALL],
  ["type=GENERATION", { type: "GENERATION" }, ["s1", "s2", "s5", "s6"]],
  ["type=SPAN", { type: "SPAN" }, ["s3"]],
  ["type=EVENT", { type: "EVENT" }, ["s4"]],
  ["type=all", { type: "all" }, ALL],
  ["model exact (not a prefix)", { model: "gpt-4o" }, ["s1", "s5"]],
  ["model other", { model: "gpt-4o-mini" }, ["s2"]],
  ["status=STATUS_CODE_ERROR", { status: "STATUS_CODE_ERROR" }, ["s2"]],
  ["status=STATUS_CODE_OK", { status: "STATUS_CODE_OK" }, ["s1", "s4", "s5"]],
  ["status=STATUS_CODE_UNSET", { status: "STATUS_CODE_UNSET" }, ["s3", "s6"]],
  ["name partial, case-insensitive", { name: "CHAT" }, ["s1", "s2"]],
  ["name with % is literal", { name: "100%" }, ["s3"]],
  ["name with _ is literal", { name: "_" }, ["s2", "s6"]],
  ["name with %_ is literal", { name: "50%_off" }, ["s6"]],
  ["name without a match", { name: "zzz" }, []],
  ["userId", { userId: "u1" }, ["s1", "s3"]],
  ["userId exact", { userId: "u" }, []],
  ["tag a", { tag: "a" }, ["s1", "s5", "s6"]],
  ["tag c", { tag: "c" }, ["s4", "s6"]],
  ["metadata env=prod", { metadata_key: "env", metadata_value: "prod" }, ["s1", "s3", "s5"]],
  ["metadata team=x", { metadata_key: "team", metadata_value: "x" }, ["s1"]],
  ["metadata value exact", { metadata_key: "env", metadata_value: "pro" }, []],
  ["startDate..endDate inclusive at both ends", { startDate: TS.s5, endDate: TS.s2 }, ["s2", "s3", "s4", "s5"]],
  ["startDate reaching back past the default window", { startDate: ago(days(41)) }, [...ALL, "s7"]],
  ["endDate alone", { endDate: TS.s4 }, ["s4", "s5", "s6"]],
  ["score >=", { score: "correctness>=0.5" }, ["s1", "s3", "s5"]],
  ["score >", { score: "correctness>0.5" }, ["s1", "s3"]],
  ["score <=", { score: "correctness<=0.5" }, ["s2", "s5"]],
  ["score <", { score: "correctness<0.5" }, ["s2"]],
  ["score =", { score: "correctness=0.9" }, ["s1", "s3"]],
  ["score != (rows without the score never match)", { score: "correctness!=0.9" }, ["s2", "s5"]],
  ["score = 0", { score: "toxicity=0" }, ["s6"]],
  ["score newest wins over an older one", { score: "helpfulness<0.5" }, []],
  ["trace-level score newest wins", { score: "helpfulness>=0.9" }, ["s4", "s5"]],
  ["expired scores are ignored", { score: "correctness<=0.3" }, ["s2"]],
  ["expired score not shown either", { score: "helpfulness=1" }, []],
  ["sibling span's own score not inherited", { score: "helpfulness<=0.1" }, []],
  ["all score conditions must hold", { score: ["correctness>=0.5", "helpfulness>0.8"] }, ["s5"]],
  ["score on a name nobody has", { score: "latency>0" }, []],
  ["minScore", { minScore: "0.9" }, ["s1", "s3", "s4", "s5"]],
  ["maxScore", { maxScore: "0.2" }, ["s2", "s6"]],
  ["minScore+maxScore: one score within both", { minScore: "0.6", maxScore: "0.8" }, ["s1"]],
  ["minScore = maxScore", { minScore: "0.5", maxScore: "0.5" }, ["s5"]],
  ["combined span filters", { type: "GENERATION", tag: "a", metadata_key: "env", metadata_value: "prod" }, ["s1", "s5"]],
  ["combined with a score", { type: "GENERATION", tag: "a", score: "correctness>=0.6" }, ["s1"]],
  ["combined user + model + status", { userId: "u2", model: "claude-3-5-sonnet", status: "STATUS_CODE_UNSET" }, ["s6"]],
  ["combined name + time + minScore", { name: "chat", startDate: TS.s2, endDate: TS.s1, minScore: "0.8" }, ["s1"]],
  ["combined everything", {
    type: "GENERATION", model: "gpt-4o", status: "STATUS_CODE_OK", name: "summ", userId: "u3", tag: "a",
    metadata_key: "team", metadata_value: "y", startDate: TS.s6, endDate: TS.s1, score: ["correctness=0.5", "helpfulness!=0.5"],
    minScore: "0.9", maxScore: "1",
  }, ["s5"]],
];

/** The expected `scores` object of each row. */
export const ROW_SCORES: Record<string, Record<string, number>> = {
  s1: { correctness: 0.9, helpfulness: 0.7 },
  s2: { correctness: 0.2 },
  s3: { correctness: 0.9 },
  s4: { helpfulness: 0.95 },
  s5: { helpfulness: 0.95, correctness: 0.5 },
  s6: { toxicity: 0 },
};
