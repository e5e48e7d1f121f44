"use client";
// React Query hooks of the Traces page. Server data lives only in the query cache (never copied
// into component state); the previous page stays on screen while the next one loads.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { traceKeys } from "./query-keys";
import type { TraceDetail, TracesPage } from "./types";

export const PAGE_SIZE = 50;

export function tracesUrl(query: string, cursor: string | undefined): string {
  const params = new URLSearchParams(query);
  if (cursor) params.set("cursor", cursor);
  return `/api/traces?${params.toString()}`;
}

export function useTracesPage(query: string, cursor: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: traceKeys.list(query, cursor),
    queryFn: ({ signal }) => fetchJson<TracesPage>(tracesUrl(query, cursor), signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTraceDetail(appId: string, traceId: string | undefined) {
  return useQuery({
    queryKey: traceKeys.detail(appId, traceId ?? ""),
    queryFn: ({ signal }) =>
      fetchJson<TraceDetail>(`/api/traces/${encodeURIComponent(traceId!)}?appId=${encodeURIComponent(appId)}`, signal),
    enabled: Boolean(traceId),
  });
}
