// POST /v1/scores, framework-free: one score or {"scores":[…]}, each attached to a trace (and
// optionally one span) of the caller's app. A batch is all-or-nothing: if any score names a trace or
// span the app does not have, nothing is stored and the 422 lists every such score with why.
import { z } from "zod";
import type { Db } from "./db";
import { AppError, validate } from "./errors";
import { normaliseSpanId, normaliseTraceId } from "./ingest/ids";

export const SCORE_SOURCES = ["eval", "human", "api"] as const;
export type ScoreSource = (typeof SCORE_SOURCES)[number];
export const MAX_SCORES_PER_REQUEST = 1000;
/** 2 MiB: a full batch of 1,000 scores with labels and short comments fits several times over. */
export const MAX_SCORES_BODY_BYTES = 2 * 1024 * 1024;

// Ids are compared in the lowercase hex that ingest stores; base64 ids are converted the same way.
const traceIdSchema = z.string().trim().min(1, "must not be empty").max(128, "is too long")
  .transform((s) => normaliseTraceId(s) ?? s.toLowerCase());
const spanIdSchema = z.string().trim().min(1, "must not be empty").max(64, "is too long")
  .transform((s) => normaliseSpanId(s) ?? s.toLowerCase());

export const scoreInputSchema = z.strictObject({
  trace_id: traceIdSchema,
  span_id: spanIdSchema.nullish().transform((v) => v ?? null),
  name: z.string().trim().min(1, "must not be empty").max(200, "is too long"),
  value: z.number({ message: "must be a finite number" }),
  label: z.string().max(500, "is too long").nullish().transform((v) => v ?? null),
  comment: z.string().max(10_000, "is too long").nullish().transform((v) => v ?? null),
  source: z.enum(SCORE_SOURCES, { message: `must be one of ${SCORE_SOURCES.join(", ")}` }).default("api"),
});

export const scoreBatchSchema = z.strictObject({
  scores: z
    .array(scoreInputSchema)
    .min(1, "must hold at least one score")
    .max(MAX_SCORES_PER_REQUEST, `must hold at most ${MAX_SCORES_PER_REQUEST} scores per request`),
});

export type ScoreInput = z.infer<typeof scoreInputSchema>;

export interface StoredScore extends ScoreInput {
  id: string;
  created_at: string;
}

export interface CreateScoresResult {
  count: number;
  ids: string[];
  scores: StoredScore[];
}

/** The body's scores, with the path prefix their errors are reported under. */
export function parseScoresBody(body: unknown): { scores: ScoreInput[]; prefix: (i: number) => string } {
  if (body !== null && typeof body === "object" && !Array.isArray(body) && "scores" in body) {
    return { scores: validate(scoreBatchSchema, body).scores, prefix: (i) => `scores.${i}.` };
  }
  return { scores: [validate(scoreInputSchema, body)], prefix: () => "" };
}

interface RefCheck {
  i: number;
  trace_ok: boolean;
  span_ok: boolean;
}

/** One query for the whole batch: does each score's trace (and span) exist in this app? */
async function checkReferences(db: Db, appId: string, scores: ScoreInput[]): Promise<RefCheck[]> {
  const refs = JSON.stringify(scores.map((s, i) => ({ i, trace_id: s.trace_id, span_id: s.span_id })));
  return db.query<RefCheck>(
    `SELECT r.i,
       EXISTS (SELECT 1 FROM "span" s WHERE s.app_id = $1 AND s.trace_id = r.trace_id) AS trace_ok,
       (r.span_id IS NULL OR EXISTS (
         SELECT 1 FROM "span" s WHERE s.app_id = $1 AND s.trace_id = r.trace_id AND s.span_id = r.span_id)) AS span_ok
     FROM jsonb_to_recordset($2::jsonb) AS r(i int4, trace_id text, span_id text)`,
    [appId, refs],
  );
}

export async function createScores(db: Db, appId: string, body: unknown): Promise<CreateScoresResult> {
  const { scores, prefix } = parseScoresBody(body);
  const checks = await checkReferences(db, appId, scores);
  const problems = checks
    .filter((c) => !c.trace_ok || !c.span_ok)
    .sort((a, b) => Number(a.i) - Number(b.i))
    .map((c) => {
      const s = scores[Number(c.i)];
      return !c.trace_ok
        ? { name: `${prefix(Number(c.i))}trace_id`, reason: `no trace "${s.trace_id}" in this app` }
        : { name: `${prefix(Number(c.i))}span_id`, reason: `no span "${s.span_id}" in trace "${s.trace_id}" of this app` };
    });
  if (problems.length) {
    throw new AppError(
      422,
      "unknown_reference",
      `${problems.length} score(s) reference a trace or span that does not exist in this app; nothing was stored`,
      problems,
    );
  }
  const rows = await db.prisma.score.createManyAndReturn({
    data: scores.map((s) => ({
      appId,
      traceId: s.trace_id,
      spanId: s.span_id,
      name: s.name,
      value: s.value,
      label: s.label,
      comment: s.comment,
      source: s.source,
    })),
  });
  const stored = rows.map((r) => ({
    id: r.id,
    trace_id: r.traceId,
    span_id: r.spanId,
    name: r.name,
    value: r.value,
    label: r.label,
    comment: r.comment,
    source: r.source as ScoreSource,
    created_at: r.createdAt.toISOString(),
  }));
  return { count: stored.length, ids: stored.map((s) => s.id), scores: stored };
}
