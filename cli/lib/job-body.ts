// `flywheel export traces --all` flags → the JSON body of POST /v1/exports (SPEC §7). The flags are
// read by the same mapping as a page export (filterInputFromFlags) and the body is judged by the
// contract's own schema (createJobBodySchema) before any request, so a bad flag exits 2 naming the
// flag and creates no job.
import { invalidParamsOf } from "../../lib/core/errors";
import { createJobBodySchema, jobFileNames, type CreateJobBody, type CreateJobInput } from "../../lib/core/export-jobs/contract";
import { usageError } from "./cli-error";
import { describeInvalidParams, filterInputFromFlags, type ExportFlags } from "./export-query";

export interface JobRequest {
  /** What is sent: only the flags given (the server resolves the defaults, endDate = creation time). */
  body: CreateJobInput;
  /** The body as the server will read it: format, files, the resolved filters. */
  parsed: CreateJobBody;
  /** The files the job will write, in order (manifest.json aside). */
  files: string[];
}

// The server knows its FLYWHEEL_EXPORT_MAX_ROWS; locally any positive --limit passes, and a larger one
// comes back as the server's 400 naming --limit.
const ANY_ROWS = Number.MAX_SAFE_INTEGER;

export function buildJobRequest(flags: ExportFlags, now: Date): JobRequest {
  if (flags.cursor !== undefined) throw usageError("--cursor continues a page export; --all exports every matching row and takes no cursor");
  if (flags.dryRun) throw usageError("--dry-run counts with a page export; drop --all to see the count and a sample");
  const input = filterInputFromFlags(flags, now);
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || key === "cursor") continue;
    // Flags that switch something on are JSON booleans; a whole-number --limit a JSON number. Anything
    // else stays the text typed, for the schema to judge and name.
    if (value === "true" && (key === "lightweight" || key === "dedupe" || key === "redact")) body[key] = true;
    else if (key === "limit" && typeof value === "string" && /^\d{1,15}$/.test(value)) body[key] = Number(value);
    else body[key] = value;
  }
  if (flags.gzip) body.compression = "gzip";
  if (flags.destination !== undefined) body.destination = flags.destination.trim().toLowerCase();

  const r = createJobBodySchema(now, ANY_ROWS).safeParse(body);
  if (!r.success) throw usageError(`Invalid flags: ${describeInvalidParams(invalidParamsOf(r.error))}`);
  return { body: body as CreateJobInput, parsed: r.data, files: jobFileNames(r.data.format, r.data.compression, r.data.validationFile) };
}
