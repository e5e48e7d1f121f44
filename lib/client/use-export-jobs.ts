"use client";
// React Query hooks for bulk export jobs. Jobs live only in the query cache; while one is queued or
// running its query polls, and stops by itself once the job has finished.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateJobInput, ExportJob } from "@/lib/core/export-jobs/contract";
import { createExportJob, deleteExportJob, fetchExportJob, fetchExportJobs, isFinishedJob } from "./export-jobs";
import { exportJobKeys } from "./query-keys";

/** How often a running job's progress is read. */
export const JOB_POLL_MS = 1_000;

export function useExportJobs(appId: string) {
  return useQuery({
    queryKey: exportJobKeys.list(appId),
    queryFn: ({ signal }) => fetchExportJobs(appId, signal),
    refetchInterval: (q) => (q.state.data?.some((j) => !isFinishedJob(j)) ? JOB_POLL_MS : false),
  });
}

export function useExportJob(appId: string, id: string | undefined) {
  return useQuery({
    queryKey: exportJobKeys.detail(appId, id ?? ""),
    queryFn: ({ signal }) => fetchExportJob(appId, id!, signal),
    enabled: Boolean(id),
    refetchInterval: (q) => (q.state.data && isFinishedJob(q.state.data) ? false : JOB_POLL_MS),
  });
}

export function useCreateExportJob(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateJobInput) => createExportJob(appId, body),
    onSuccess: (job: ExportJob) => {
      qc.setQueryData(exportJobKeys.detail(appId, job.id), job);
      void qc.invalidateQueries({ queryKey: exportJobKeys.list(appId) });
    },
  });
}

export function useDeleteExportJob(appId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteExportJob(appId, id),
    onSettled: (_job, _err, id) => {
      void qc.invalidateQueries({ queryKey: exportJobKeys.list(appId) });
      void qc.invalidateQueries({ queryKey: exportJobKeys.detail(appId, id) });
    },
  });
}
