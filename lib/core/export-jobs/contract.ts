// The bulk export contract (SPEC §7): what `POST /v1/exports` takes and what every job route answers.
// The body is the page route's parameters under the same names, judged by the same schema
// (exportParamsSchema, resolveParams), plus the job's own keys. The server validates with
// `createJobBodySchema`; the CLI and the dashboard parse answers with `exportJobSchema`.
import { z } from "zod";
import { exportParamsSchema, FORMATS, oneOf, resolveParams, type ExportQuery, type Format } from "../filters";

export const JOB_FORMATS = [...FORMATS, "parquet"] as const;
export const JOB_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export const COMPRESSIONS = ["none", "gzip"] as const;
export const DESTINATIONS = ["local", "s3"] as const;
/** A job in one of these states will not change again. */
export const FINISHED_STATUSES = ["succeeded", "failed", "cancelled"] as const;

export type JobFormat = (typeof JOB_FORMATS)[number];
export type JobStatus = (typeof JOB_STATUSES)[number];
export type Compression = (typeof COMPRESSIONS)[number];
export type Destination = (typeof DESTINATIONS)[number];

/**
 * A JSON body carries numbers and booleans where a query string carries text: each scalar is read as
 * the text the query string would hold, so the one schema judges both (`"limit": 100` and
 * `limit=100` mean the same). `score` may be one string or a list, as the query parameter may repeat.
 * Anything else (objects, null) is left as it is, for the schema to refuse by name.
 */
function asParamText(body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === "number" || typeof value === "boolean") out[key] = String(value);
    else if (key === "score" && typeof value === "string") out[key] = [value];
    else out[key] = value;
  }
  return out;
}

/**
 * The body of `POST /v1/exports`. `now` resolves the default date window (endDate = the job's
 * creation time), `maxRows` is FLYWHEEL_EXPORT_MAX_ROWS (the most `limit` may ask for, and the
 * default). Unknown keys are refused by name; a cursor or appId has no place in a job body.
 */
export function createJobBodySchema(now: Date, maxRows: number) {
  const params = exportParamsSchema.omit({ format: true, limit: true, cursor: true, appId: true }).extend({
    format: oneOf(JOB_FORMATS).default("jsonl"),
    limit: z
      .string()
      .regex(/^\d+$/, `must be a whole number from 1 to ${maxRows}`)
      .transform(Number)
      .pipe(z.number().min(1, "must be at least 1").max(maxRows, `must be at most ${maxRows} (FLYWHEEL_EXPORT_MAX_ROWS)`))
      .optional(),
    compression: oneOf(COMPRESSIONS).default("none"),
    destination: oneOf(DESTINATIONS).default("local"),
  });
  return z.preprocess(
    asParamText,
    params.transform((d, ctx) => {
      const { format, limit, compression, destination, ...filters } = d;
      if (format === "parquet" && compression !== "none") {
        ctx.addIssue({ code: "custom", path: ["compression"], message: "gzip applies to text formats; parquet compresses its own columns" });
      }
      // The engine reads rows as jsonl for parquet: every field, one row per span.
      const engineFormat: Format = format === "parquet" ? "jsonl" : format;
      const query: ExportQuery = { ...resolveParams({ ...filters, format: engineFormat }, ctx, now), format: engineFormat, limit: maxRows };
      // openai writes validation.jsonl beside train.jsonl when a fraction is asked for and no side chosen.
      const validationFile = format === "openai" && d.validationFraction !== undefined && d.split === undefined;
      return { format, limit: limit ?? maxRows, compression, destination, validationFile, query };
    }),
  );
}

export type CreateJobBody = z.output<ReturnType<typeof createJobBodySchema>>;
/** The body as a client writes it. */
export type CreateJobInput = z.input<ReturnType<typeof createJobBodySchema>>;

/**
 * The files a job writes, in the order they are written (manifest.json comes last, beside them):
 * `openai` writes train.jsonl and, when validationFraction is given without a split, validation.jsonl.
 */
export function jobFileNames(format: JobFormat, compression: Compression, withValidation: boolean): string[] {
  const gz = compression === "gzip" ? ".gz" : "";
  if (format === "openai") return withValidation ? [`train.jsonl${gz}`, `validation.jsonl${gz}`] : [`train.jsonl${gz}`];
  if (format === "parquet") return ["traces.parquet"];
  return [`traces.${format}${gz}`];
}

export const MANIFEST_NAME = "manifest.json";

export const jobFileSchema = z.object({
  name: z.string(),
  rows: z.number(),
  bytes: z.number(),
  sha256: z.string(),
});

/** A job as every route answers it (and as manifest.json holds it once finished). */
export const exportJobSchema = z.object({
  id: z.string(),
  app_id: z.string(),
  status: z.enum(JOB_STATUSES),
  format: z.enum(JOB_FORMATS),
  /** The normalised body, with the resolved startDate/endDate. */
  params: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  /** Rows matching the filters (known once the job has started). */
  total: z.number().nullable(),
  rows_read: z.number(),
  exported: z.number(),
  skipped: z.number(),
  skip_reasons: z.record(z.string(), z.number()),
  bytes: z.number(),
  files: z.array(jobFileSchema),
  /** When a finished job's files were deleted (DELETE, or expiry after FLYWHEEL_EXPORT_FILE_DAYS); the job stays listed. */
  files_deleted_at: z.string().nullable(),
  error: z.object({ code: z.string(), detail: z.string() }).nullable(),
  /** openai: tokens of the examples written; with redact: placeholders written by kind. */
  tokens: z.number().optional(),
  redactions: z.record(z.string(), z.number()).optional(),
});

export type ExportJob = z.infer<typeof exportJobSchema>;
export type JobFile = z.infer<typeof jobFileSchema>;

export const exportJobListSchema = z.object({ jobs: z.array(exportJobSchema) });
