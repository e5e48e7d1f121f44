// Local and bucket files of finished jobs are deleted FLYWHEEL_EXPORT_FILE_DAYS after the job
// finished (the job row stays, with files_deleted_at set, so the list still shows what it was).
// Run by the workers' maintenance job every minute (lib/jobs/export-worker.ts).
import type { Db } from "../db";
import { jobBody } from "./job-body";
import { expiredJobs, markFilesDeleted } from "./job-store";
import { removeFiles, type JobStorage } from "./storage";

export async function expireJobFiles(db: Db, storage: JobStorage, days: number): Promise<number> {
  const jobs = await expiredJobs(db, days);
  for (const job of jobs) {
    const destination = jobBody(job).destination;
    await removeFiles(storage, destination, job.app_id, job.id, (job.files ?? []).map((f) => f.name));
    await markFilesDeleted(db, job.id);
  }
  return jobs.length;
}
