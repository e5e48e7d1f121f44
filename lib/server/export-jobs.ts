import "server-only";
// What the bulk export routes share: reading the POST body against this server's settings, and the
// job's storage. The work itself is in lib/core/export-jobs.
import { readJobBody } from "@/lib/core/export-jobs/create-job";
import type { CreateJobBody } from "@/lib/core/export-jobs/contract";
import { readJsonBody, type BodySource } from "@/lib/core/ingest/read-body";
import { env } from "@/lib/env";
import { DEFAULT_JSON_BODY_LIMIT } from "./route-input";

export interface JobRequest {
  /** For the rate limit's audit row. */
  format: string;
  raw: Record<string, unknown>;
  body: CreateJobBody;
  now: Date;
}

/** The POST /v1/exports body: JSON, validated by the contract's schema (a 400 names each bad key). */
export async function readJobRequest(source: BodySource, limit?: number): Promise<JobRequest> {
  const raw = await readJsonBody(source, limit ?? DEFAULT_JSON_BODY_LIMIT);
  const { body, now } = readJobBody(raw, { maxRows: env().FLYWHEEL_EXPORT_MAX_ROWS, s3Configured: Boolean(env().FLYWHEEL_EXPORT_S3_BUCKET) });
  return { format: body.format, raw: raw as Record<string, unknown>, body, now };
}
