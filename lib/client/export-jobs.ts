// The bulk export routes (SPEC §7) as the dashboard calls them, with its session cookie and `appId=`.
// Unsafe methods carry the page's own Origin (browsers add it to same-origin fetches) and a JSON body
// its Content-Type, as the session's same-origin checks require (docs/security.md). Every answer is
// parsed with the contract's schema; every failure is a typed ApiError from the error JSON.
import {
  exportJobListSchema,
  exportJobSchema,
  FINISHED_STATUSES,
  type CreateJobInput,
  type ExportJob,
} from "@/lib/core/export-jobs/contract";
import { apiErrorFrom, ApiError } from "./api-error";

const withApp = (path: string, appId: string) => `/v1/exports${path}?appId=${encodeURIComponent(appId)}`;

/** A file of a finished job; the session cookie authenticates the download, as for the page export. */
export const jobFileUrl = (appId: string, id: string, name: string) =>
  withApp(`/${encodeURIComponent(id)}/files/${encodeURIComponent(name)}`, appId);

export const isFinishedJob = (job: ExportJob) => (FINISHED_STATUSES as readonly string[]).includes(job.status);

async function call<T>(url: string, parse: (v: unknown) => T, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, { credentials: "same-origin", ...init, headers: { accept: "application/json", ...init.headers } });
  if (!res.ok) throw await apiErrorFrom(res);
  if (res.status === 204) return undefined as T;
  try {
    return parse(await res.json());
  } catch {
    throw new ApiError(res.status, "unexpected_answer", "The server's answer is not an export job as the contract describes it.");
  }
}

export function createExportJob(appId: string, body: CreateJobInput, signal?: AbortSignal): Promise<ExportJob> {
  return call(withApp("", appId), (v) => exportJobSchema.parse(v), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

export function fetchExportJob(appId: string, id: string, signal?: AbortSignal): Promise<ExportJob> {
  return call(withApp(`/${encodeURIComponent(id)}`, appId), (v) => exportJobSchema.parse(v), { signal });
}

export function fetchExportJobs(appId: string, signal?: AbortSignal): Promise<ExportJob[]> {
  return call(withApp("", appId), (v) => exportJobListSchema.parse(v).jobs, { signal });
}

/** Cancels a queued or running job, or deletes a finished job's files. */
export function deleteExportJob(appId: string, id: string): Promise<ExportJob | undefined> {
  return call(withApp(`/${encodeURIComponent(id)}`, appId), (v) => exportJobSchema.parse(v), { method: "DELETE" });
}
