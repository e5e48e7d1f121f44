// POST /v1/exports: a validated body becomes a queued job row. The body is kept as the client sent it
// and read again with the same schema and the job's creation time when the job runs, so the worker
// exports exactly what was validated here; `params` is the normalised form the API shows.
import { randomUUID } from "node:crypto";
import { invalidInput, validate } from "../errors";
import type { Db } from "../db";
import { createJobBodySchema, type CreateJobBody } from "./contract";
import { insertJob, jobJson } from "./job-store";
import type { ExportJob } from "./contract";

export interface CreateJobOptions {
  maxRows: number;
  /** destination=s3 needs a bucket (FLYWHEEL_EXPORT_S3_BUCKET). */
  s3Configured: boolean;
  now?: Date;
}

/** The body validated (a 400 naming each bad key), with the time it was judged against. */
export function readJobBody(raw: unknown, opts: CreateJobOptions): { body: CreateJobBody; now: Date } {
  const now = opts.now ?? new Date();
  const body = validate(createJobBodySchema(now, opts.maxRows), raw, { root: "body", summary: "Invalid body" });
  if (body.destination === "s3" && !opts.s3Configured) {
    throw invalidInput([{ name: "destination", reason: "s3 needs FLYWHEEL_EXPORT_S3_BUCKET, which this server does not set" }], "Invalid body");
  }
  return { body, now };
}

/** The body as the API shows it: what the client gave, the job's defaults, and the resolved window. */
function normalisedParams(raw: Record<string, unknown>, body: CreateJobBody): Record<string, unknown> {
  const params: Record<string, unknown> = { ...raw };
  if (typeof params.score === "string") params.score = [params.score];
  params.format = body.format;
  params.limit = body.limit;
  params.compression = body.compression;
  params.destination = body.destination;
  params.startDate = body.query.startDateExact ?? body.query.startDate.toISOString();
  params.endDate = body.query.endDateExact ?? body.query.endDate.toISOString();
  return params;
}

export async function createJob(
  db: Db,
  who: { tenantId: string; appId: string },
  raw: Record<string, unknown>,
  body: CreateJobBody,
  now: Date,
): Promise<ExportJob> {
  const row = await insertJob(db, {
    id: randomUUID(),
    tenantId: who.tenantId,
    appId: who.appId,
    format: body.format,
    request: raw,
    params: normalisedParams(raw, body),
    createdAt: now,
    tokens: body.format === "openai" ? 0 : null,
    redactions: body.query.redact ? {} : null,
  });
  return jobJson(row);
}
