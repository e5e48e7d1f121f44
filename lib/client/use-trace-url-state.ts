"use client";
// The Traces page's state, held in the URL (so a view can be reloaded and shared): filters, app,
// page cursor with its history, and the open span. Every change is a history entry, never local state.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { buildTraceUrl, filterQueryString, readTraceUrl, type TableFilters, type TraceUrlState } from "./trace-url-state";

type Change = (current: TraceUrlState) => Omit<TraceUrlState, "problems">;

export function useTraceUrlState(defaultAppId: string) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readTraceUrl(new URLSearchParams(search.toString())), [search]);
  const appId = state.appId ?? defaultAppId;

  // The native History API: Next keeps useSearchParams in step, and no server render is needed,
  // because filters, paging and the open span only change what the client fetches. Each change starts
  // from the address bar itself, not from the last render: useSearchParams catches up a moment later,
  // and a click in between (open a row right after Apply) must not write stale filters back.
  const go = useCallback(
    (change: Change, how: "push" | "replace" = "push") => {
      const current = readTraceUrl(new URLSearchParams(window.location.search));
      const next = change({ ...current, appId: current.appId ?? defaultAppId });
      const url = `${pathname}?${buildTraceUrl(next)}`;
      if (how === "push") window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [pathname, defaultAppId],
  );

  const page = state.cursor ? state.prev.length + 2 : 1;
  const closed = { trace: undefined, span: undefined };

  return {
    ...state,
    appId,
    page,
    /** Filters + appId: what the table's API and the export both receive. */
    query: useMemo(() => filterQueryString(state.filters, appId), [state.filters, appId]),
    /** New filters start again at page 1 with nothing open. */
    setFilters: (filters: TableFilters) => go((c) => ({ filters, appId: c.appId, prev: [] })),
    resetFilters: () => go((c) => ({ filters: {}, appId: c.appId, prev: [] })),
    /** Another app goes through the server shell, which checks membership; filters are kept. */
    switchApp: (nextAppId: string) => router.push(`${pathname}?${buildTraceUrl({ filters: state.filters, appId: nextAppId, prev: [] })}`),
    nextPage: (nextCursor: string) =>
      go((c) => ({ ...c, ...closed, cursor: nextCursor, prev: c.cursor ? [...c.prev, c.cursor] : [] })),
    previousPage: () => go((c) => ({ ...c, ...closed, cursor: c.prev.at(-1), prev: c.prev.slice(0, -1) })),
    firstPage: () => go((c) => ({ ...c, ...closed, cursor: undefined, prev: [] })),
    /** Switching spans inside an open panel replaces the entry, so Back closes the panel. */
    openSpan: (trace: string, span: string) => go((c) => ({ ...c, trace, span }), state.trace ? "replace" : "push"),
    closeSpan: () => go((c) => ({ ...c, ...closed })),
  };
}
