// Query-key factory for the traces feature: one place decides how the cache is partitioned, so
// invalidation (e.g. `traceKeys.all`) reaches every page and detail of the feature.
export const traceKeys = {
  all: ["traces"] as const,
  lists: () => [...traceKeys.all, "list"] as const,
  /** `query` is the table's canonical query string (filters + appId), so equal filters share a cache entry. */
  list: (query: string, cursor: string | undefined) => [...traceKeys.lists(), query, cursor ?? null] as const,
  details: () => [...traceKeys.all, "detail"] as const,
  detail: (appId: string, traceId: string) => [...traceKeys.details(), appId, traceId] as const,
};

/** Bulk export jobs (SPEC §7), per app: the Exports page's list and one job's progress in the dialog. */
export const exportJobKeys = {
  all: ["export-jobs"] as const,
  list: (appId: string) => [...exportJobKeys.all, appId, "list"] as const,
  detail: (appId: string, id: string) => [...exportJobKeys.all, appId, "detail", id] as const,
};
