// Seeding for the export tests: spans and scores for a test's own app, written with one set-based
// SQL statement per batch (jsonb_to_recordset), so timestamps keep their microseconds and a few
// thousand rows take one round trip.
import type { SpanRow } from "../../lib/core/ingest/span-row";
import { testDb } from "../fixtures";

export interface SeedSpan {
  traceId: string;
  spanId: string;
  name?: string;
  type?: "GENERATION" | "SPAN" | "EVENT";
  model?: string | null;
  status?: "STATUS_CODE_UNSET" | "STATUS_CODE_OK" | "STATUS_CODE_ERROR";
  /** ISO text (microseconds allowed) or a Date. */
  timestamp: string | Date;
  latencyMs?: number | null;
  input?: unknown;
  output?: unknown;
  toolCalls?: unknown;
  metadata?: Record<string, string>;
  userId?: string | null;
  tags?: string[];
  inputTokens?: number | null;
  outputTokens?: number | null;
  cost?: number | null;
  tools?: unknown;
}

export interface SeedScore {
  traceId: string;
  /** null or absent: a trace-level score. */
  spanId?: string | null;
  name: string;
  value: number;
  createdAt?: string | Date;
}

const iso = (t: string | Date) => (t instanceof Date ? t.toISOString() : t);

export async function insertSpans(appId: string, spans: SeedSpan[]): Promise<void> {
  const { prisma } = await testDb();
  for (let i = 0; i < spans.length; i += 1000) {
    const batch = spans.slice(i, i + 1000).map((s) => ({
      app_id: appId,
      trace_id: s.traceId,
      span_id: s.spanId,
      span_name: s.name ?? "span",
      type: s.type ?? "SPAN",
      model: s.model ?? null,
      status: s.status ?? "STATUS_CODE_UNSET",
      timestamp: iso(s.timestamp),
      latency_ms: s.latencyMs ?? null,
      input: s.input ?? null,
      output: s.output ?? null,
      tool_calls: s.toolCalls ?? null,
      metadata: s.metadata ?? {},
      user_id: s.userId ?? null,
      tags: s.tags ?? [],
      input_tokens: s.inputTokens ?? null,
      output_tokens: s.outputTokens ?? null,
      cost: s.cost ?? null,
      tools: s.tools ?? null,
    }));
    await prisma.$executeRaw`
      INSERT INTO span (app_id, trace_id, span_id, span_name, type, model, status, timestamp, latency_ms, input, output,
        tool_calls, metadata, user_id, tags, input_tokens, output_tokens, cost, tools)
      SELECT app_id, trace_id, span_id, span_name, type, model, status, timestamp, latency_ms, input, output,
        tool_calls, metadata, user_id, tags, input_tokens, output_tokens, cost, tools
      FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS x(app_id text, trace_id text, span_id text,
        span_name text, type text, model text, status text, timestamp timestamptz, latency_ms float8, input jsonb,
        output jsonb, tool_calls jsonb, metadata jsonb, user_id text, tags text[], input_tokens int, output_tokens int,
        cost float8, tools jsonb)`;
  }
}

export async function insertScores(appId: string, scores: SeedScore[]): Promise<void> {
  const { prisma } = await testDb();
  const rows = scores.map((s, i) => ({
    id: `sc_${appId}_${Date.now()}_${i}_${Math.random().toString(36).slice(2)}`,
    app_id: appId,
    trace_id: s.traceId,
    span_id: s.spanId ?? null,
    name: s.name,
    value: s.value,
    created_at: iso(s.createdAt ?? new Date()),
  }));
  await prisma.$executeRaw`
    INSERT INTO score (id, app_id, trace_id, span_id, name, value, created_at)
    SELECT id, app_id, trace_id, span_id, name, value, created_at
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS x(id text, app_id text, trace_id text, span_id text, name text, value float8, created_at timestamptz)`;
}

/** A timestamp `minutesAgo` before now, as ISO text. */
export const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** A GENERATION span in the canonical shape (docs/data-model.md): system + user in, one assistant answer out. */
export function generation(traceId: string, spanId: string, timestamp: string | Date, extra: Partial<SeedSpan> = {}): SeedSpan {
  return {
    traceId,
    spanId,
    timestamp,
    name: "chat",
    type: "GENERATION",
    model: "gpt-4o-mini",
    status: "STATUS_CODE_OK",
    input: [
      { role: "system", content: "You are terse." },
      { role: "user", content: `Question ${spanId}?` },
    ],
    output: [{ role: "assistant", content: `Answer ${spanId}.` }],
    inputTokens: 12,
    outputTokens: 3,
    cost: 0.0001,
    latencyMs: 420.5,
    ...extra,
  };
}

/**
 * `rows` generations of ~16 KB each (one per 0.6 s, newest a minute ago): a 2,000-row page is ~32 MB,
 * far more than socket buffers hold, so a server streaming it is still reading from the database
 * for as long as its client is still reading.
 */
export async function insertLargeGenerations(appId: string, traceId: string, rows: number): Promise<void> {
  const filler = "x".repeat(16_000);
  const spans: SeedSpan[] = [];
  for (let i = 0; i < rows; i++) {
    spans.push(generation(traceId, `${traceId.slice(0, 1)}${String(i).padStart(4, "0")}`, ago(i / 100 + 1), { input: [{ role: "user", content: filler }] }));
  }
  await insertSpans(appId, spans);
}

/** A span as ingest's upsert takes it (a re-sent span, for the rollup tests): a plain OK SPAN unless `extra` says otherwise. */
export function spanRow(traceId: string, spanId: string, timestamp: string, extra: Partial<SpanRow> = {}): SpanRow {
  return {
    trace_id: traceId, span_id: spanId, parent_span_id: null, span_name: "resent", type: "SPAN", model: null,
    status: "STATUS_CODE_OK", status_message: null, timestamp, end_time: null, latency_ms: null,
    input: null, output: null, tool_calls: null, metadata: {}, user_id: null, session_id: null, tags: [],
    input_tokens: null, output_tokens: null, cost: null, tools: null, attributes: {}, ...extra,
  };
}
