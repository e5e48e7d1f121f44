// A small app whose spans differ in every field an export flag filters on, with the expected answer
// for each flag computed from the same definitions (so a test states the rule, not a hand-made list).
import type { SeedSpan } from "./seed-spans";

const H = 3_600_000;
const D = 24 * H;

export interface DatasetSpan extends SeedSpan {
  ageMs: number;
}

export function filterDataset(now: number): DatasetSpan[] {
  const spans: Omit<DatasetSpan, "timestamp">[] = [
    { spanId: "s01", name: "chat.completion", type: "GENERATION", model: "gpt-4o", status: "STATUS_CODE_OK", ageMs: 1 * H, userId: "u_alice", tags: ["prod", "beta"], metadata: { env: "prod" }, scores: { correctness: 0.9, helpfulness: 4 } },
    { spanId: "s02", name: "chat.retry", type: "GENERATION", model: "claude-3-5", status: "STATUS_CODE_ERROR", ageMs: 2 * D, userId: "u_bob", tags: ["staging"], metadata: { env: "staging" }, scores: { correctness: 0.4, helpfulness: 5 } },
    { spanId: "s03", name: "Retrieve Docs", type: "SPAN", status: "STATUS_CODE_UNSET", ageMs: 5 * D, userId: "u_alice", tags: [], metadata: { env: "prod" } },
    { spanId: "s04", name: "user.feedback", type: "EVENT", status: "STATUS_CODE_OK", ageMs: 10 * D, userId: "u_carol", tags: ["prod"], metadata: { env: "prod" }, scores: { helpfulness: 2 } },
    { spanId: "s05", name: "summarize", type: "GENERATION", model: "gpt-4o-mini", status: "STATUS_CODE_OK", ageMs: 20 * D, userId: "u_bob", tags: ["prod"], metadata: { env: "prod", team: "search" }, scores: { correctness: 0.7 } },
    { spanId: "s06", name: "chat.completion", type: "GENERATION", model: "gpt-4o", status: "STATUS_CODE_OK", ageMs: 3 * H, userId: "u_carol", tags: ["beta"], metadata: { env: "staging" }, scores: { correctness: 0.8 } },
    { spanId: "s07", name: "CHAT with tools", type: "GENERATION", model: "gpt-4o", status: "STATUS_CODE_ERROR", ageMs: 8 * D, userId: "u_dave", tags: ["prod"], metadata: { env: "prod" }, scores: { correctness: 0.2 } },
    // Outside the default 30-day window: no flag without --since reaches it.
    { spanId: "s08", name: "chat.completion", type: "GENERATION", model: "gpt-4o", status: "STATUS_CODE_OK", ageMs: 60 * D, userId: "u_alice", tags: ["prod"], metadata: { env: "prod" }, scores: { correctness: 1 } },
  ];
  return spans.map((s) => ({ ...s, timestamp: new Date(now - s.ageMs) }));
}

export const IN_DEFAULT_WINDOW = (s: DatasetSpan) => s.ageMs < 30 * D;

/** Newest first, the export order. */
export const ids = (spans: DatasetSpan[]) => [...spans].sort((a, b) => a.ageMs - b.ageMs).map((s) => s.spanId);

export { H, D };
