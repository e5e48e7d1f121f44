// GET /v1/exports/{id}: one job, progress included; DELETE cancels a queued or running job, or deletes
// a finished job's files (docs/bulk-exports.md). Another tenant's or app's id is a 404.
import { cancelOrDelete } from "@/lib/core/export-jobs/cancel-job";
import { findJob, jobJson } from "@/lib/core/export-jobs/job-store";
import { jobStorage } from "@/lib/server/export-queue";
import { env } from "@/lib/env";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ auth: "identity" }, async ({ db, identity, params }) => {
  const job = await findJob(db, identity.tenantId, identity.appId, params.id);
  return Response.json(jobJson(job), { headers: { "cache-control": "no-store" } });
});

export const DELETE = route({ auth: "identity" }, async ({ db, identity, params }) => {
  const job = await cancelOrDelete(db, jobStorage(env()), identity.tenantId, identity.appId, params.id);
  return Response.json(job);
});
