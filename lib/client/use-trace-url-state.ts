"use client";
// The Traces page's state, held in the URL (so a view can be reloaded and shared): filters, app,
// page cursor with its history, and the open span. Every change is a history entry, never local state.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { buildTraceUrl, filterQueryString, readTraceUrl, type TableFilters, type TraceUrlState } from "./trace-url-state";

export function useTraceUrlState(defaultAppId: string) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readTraceUrl(new URLSearchParams(search.toString())), [search]);
  const appId = state.appId ?? defaultAppId;

  // The native History API: Next keeps useSearchParams in step, and no server render is needed,
  // because filters, paging and the open span only change what the client fetches.
  const go = useCallback(
    (next: Omit<TraceUrlState, "problems">, how: "push" | "replace" = "push") => {
      const url = `${pathname}?${buildTraceUrl({ ...next, appId: next.appId ?? appId })}`;
      if (how === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname, appId],
  );

  const page = state.cursor ? state.prev.length + 2 : 1;

  return {
    ...state,
    appId,
    page,
    /** Filters + appId: what the table's API and the export both receive. */
    query: useMemo(() => filterQueryString(state.filters, appId), [state.filters, appId]),
    /** New filters start again at page 1 with nothing open. */
    setFilters: (filters: TableFilters) => go({ filters, appId, prev: [] }),
    resetFilters: () => go({ filters: {}, appId, prev: [] }),
    /** Another app goes through the server shell, which checks membership; filters are kept. */
    switchApp: (nextAppId: string) => router.push(`${pathname}?${buildTraceUrl({ filters: state.filters, appId: nextAppId, prev: [] })}`),
    nextPage: (nextCursor: string) =>
      go({ ...state, appId, cursor: nextCursor, prev: state.cursor ? [...state.prev, state.cursor] : [], trace: undefined, span: undefined }),
    previousPage: () =>
      go({ ...state, appId, cursor: state.prev.at(-1), prev: state.prev.slice(0, -1), trace: undefined, span: undefined }),
    firstPage: () => go({ ...state, appId, cursor: undefined, prev: [], trace: undefined, span: undefined }),
    /** Switching spans inside an open panel replaces the entry, so Back closes the panel. */
    openSpan: (trace: string, span: string) => go({ ...state, appId, trace, span }, state.trace ? "replace" : "push"),
    closeSpan: () => go({ ...state, appId, trace: undefined, span: undefined }),
  };
}

export type TraceUrlApi = ReturnType<typeof useTraceUrlState>;
