// A job's body as validated at creation, read again against the job's creation time: the same
// schema and the same instant give the same window and options, on any worker, on every resume.
import { validate } from "../errors";
import { createJobBodySchema, type CreateJobBody } from "./contract";
import type { JobRow } from "./job-store";

export function jobBody(row: Pick<JobRow, "request" | "created_at">): CreateJobBody {
  // The limit was checked against FLYWHEEL_EXPORT_MAX_ROWS at creation; a lower setting since then does not void the job.
  return validate(createJobBodySchema(new Date(row.created_at), Number.MAX_SAFE_INTEGER), row.request, { root: "body" });
}
