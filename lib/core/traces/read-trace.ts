// Reads one trace for the detail panel: all its spans (oldest first, the order they ran in) with full
// content, each with the scores a row of it would carry — the same rule as the export
// (docs/data-model.md "Scores on a row"), retention window included.
import type { Score } from "@prisma/client";
import type { Db } from "../db";
import { notFound } from "../errors";
import type { SpanType, Status } from "../filters";
import { retentionCutoff } from "../retention";
import type { ScoreDetail, TraceDetail } from "./types";

/** A trace with more spans than this is cut; the panel is for reading, not for bulk export. */
export const MAX_TRACE_SPANS = 500;

function toScore(s: Score): ScoreDetail {
  return {
    name: s.name,
    value: s.value,
    label: s.label,
    comment: s.comment,
    source: s.source,
    created_at: s.createdAt.toISOString(),
    span_id: s.spanId,
  };
}

/** Newest score per name among those that apply to the span; `scores` arrive newest first. */
function scoresOf(spanId: string, scores: Score[]): ScoreDetail[] {
  const byName = new Map<string, ScoreDetail>();
  for (const s of scores) {
    if ((s.spanId === null || s.spanId === spanId) && !byName.has(s.name)) byName.set(s.name, toScore(s));
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export async function readTrace(
  { prisma }: Db,
  appId: string,
  traceId: string,
  opts: { retentionDays: number; now?: Date },
): Promise<TraceDetail> {
  const cutoff = retentionCutoff(opts.retentionDays, opts.now);
  const [spans, scores] = await Promise.all([
    prisma.span.findMany({
      where: { appId, traceId },
      // The export's stored line parts: nothing this view shows.
      omit: { lineHead: true, lineMid: true },
      orderBy: [{ timestamp: "asc" }, { spanId: "asc" }],
      take: MAX_TRACE_SPANS,
    }),
    prisma.score.findMany({
      where: { appId, traceId, createdAt: { gt: cutoff } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
  ]);
  if (spans.length === 0) throw notFound(`No trace "${traceId}" in app "${appId}"`);
  return {
    trace_id: traceId,
    spans: spans.map((s) => ({
      trace_id: s.traceId,
      span_id: s.spanId,
      parent_span_id: s.parentSpanId,
      span_name: s.spanName,
      type: s.type as SpanType,
      model: s.model,
      status: s.status as Status,
      status_message: s.statusMessage,
      timestamp: s.timestamp.toISOString(),
      end_time: s.endTime?.toISOString() ?? null,
      latency_ms: s.latencyMs,
      input: s.input,
      output: s.output,
      tool_calls: s.toolCalls,
      metadata: (s.metadata ?? {}) as Record<string, string>,
      user_id: s.userId,
      session_id: s.sessionId,
      tags: s.tags,
      input_tokens: s.inputTokens,
      output_tokens: s.outputTokens,
      cost: s.cost,
      tools: s.tools,
      scores: scoresOf(s.spanId, scores),
    })),
  };
}
