// DELETE /v1/exports/{id}: a queued or running job is cancelled (a running one notices at its next
// checkpoint or heartbeat, stops and removes its partial files); a finished job's files are deleted
// (the job row stays, so the list still shows it).
import type { Db } from "../db";
import type { ExportJob } from "./contract";
import { cancelJob, findJob, jobJson, markFilesDeleted } from "./job-store";
import { jobBody } from "./job-body";
import { removeFiles, type JobStorage } from "./storage";

export async function cancelOrDelete(db: Db, storage: JobStorage, tenantId: string, appId: string, id: string): Promise<ExportJob> {
  const job = await findJob(db, tenantId, appId, id);
  if (job.status === "queued" || job.status === "running") {
    if (await cancelJob(db, id)) return jobJson(await findJob(db, tenantId, appId, id));
  }
  // Finished (or it finished while we looked): its files go.
  const finished = await findJob(db, tenantId, appId, id);
  await removeFiles(storage, jobBody(finished).destination, appId, id, (finished.files ?? []).map((f) => f.name));
  await markFilesDeleted(db, id);
  return jobJson(finished);
}
