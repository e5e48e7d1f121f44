// POST /v1/exports creates a bulk export job; GET /v1/exports lists the app's jobs (docs/bulk-exports.md).
import { createJob } from "@/lib/core/export-jobs/create-job";
import { jobJson, listJobs } from "@/lib/core/export-jobs/job-store";
import { readJobRequest } from "@/lib/server/export-jobs";
import { exportQueue } from "@/lib/server/export-queue";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Validated before it counts: a 400 costs no quota; an accepted job is one export request.
export const POST = route({ auth: "identity", body: readJobRequest, rateLimit: "export" }, async ({ db, identity, body }) => {
  const job = await createJob(db, identity, body.raw, body.body, body.now);
  await (await exportQueue()).enqueue(job.id);
  return Response.json(job, { status: 202, headers: { location: `/v1/exports/${job.id}` } });
});

export const GET = route({ auth: "identity" }, async ({ db, identity }) => {
  const jobs = await listJobs(db, identity.tenantId, identity.appId);
  return Response.json({ jobs: jobs.map(jobJson) }, { headers: { "cache-control": "no-store" } });
});
