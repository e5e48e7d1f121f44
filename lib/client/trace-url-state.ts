// The Traces page's URL, read and written. Filters use exactly the export route's parameter names and
// are validated by THE filter schema (parseExportQuery); this module only splits the URL into its parts
// and builds it back with toSearchParams. Page-only parameters (pagination history, the open span)
// are kept apart so they never reach the API or the export.
import { AppError, type InvalidParam } from "@/lib/core/errors";
import { EXPORT_OPTION_KEYS, parseExportQuery, toSearchParams, type FilterInput, type FilterParam } from "@/lib/core/filters";

export const FILTER_KEYS = [
  "startDate",
  "endDate",
  "score",
  "minScore",
  "maxScore",
  "model",
  "type",
  "status",
  "name",
  "userId",
  "tag",
  "metadata_key",
  "metadata_value",
] as const satisfies readonly FilterParam[];
export type FilterKey = (typeof FILTER_KEYS)[number];
// Every filter of the schema has its place above (in the order the page lists them): a filter added to
// lib/core/filters.ts but not here stops the build instead of being dropped from the URL.
const everyFilterListed: Exclude<FilterParam, FilterKey> extends never ? true : never = true;
void everyFilterListed;
/** The filters as the URL holds them: text, exactly as written (validated by parseExportQuery). */
export type TableFilters = Pick<FilterInput, FilterKey>;

/**
 * Page-only parameters. `prev` is the stack of cursors of the pages before the current one (page 1 has
 * no cursor, so it is never on the stack): keeping it in the URL makes "Previous" work after a reload.
 */
export const VIEW_KEYS = ["prev", "trace", "span"] as const;
// Export options that may arrive in a pasted export URL (format, limit, the fine-tuning options…);
// they are not table filters, so they are dropped. cursor and appId are the table's too.
const EXPORT_ONLY_KEYS: readonly string[] = EXPORT_OPTION_KEYS.filter((k) => k !== "cursor" && k !== "appId");

export interface TraceUrlState {
  filters: TableFilters;
  appId?: string;
  cursor?: string;
  prev: string[];
  trace?: string;
  span?: string;
  /** What parseExportQuery rejected, each naming its parameter; empty when the URL is valid. */
  problems: InvalidParam[];
}

/** Validates filters with the one schema; returns the problems instead of throwing. */
export function validateQuery(params: URLSearchParams): InvalidParam[] {
  try {
    parseExportQuery(params);
    return [];
  } catch (err) {
    if (err instanceof AppError) return err.invalidParams.length ? err.invalidParams : [{ name: "query", reason: err.message }];
    throw err;
  }
}

export function readTraceUrl(search: URLSearchParams): TraceUrlState {
  const rest = new URLSearchParams();
  for (const [key, value] of search) {
    if (!(VIEW_KEYS as readonly string[]).includes(key) && !EXPORT_ONLY_KEYS.includes(key)) rest.append(key, value);
  }
  const filters: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    if (key === "score") {
      const all = search.getAll("score");
      if (all.length) filters.score = all;
    } else {
      const v = search.get(key);
      if (v !== null) filters[key] = v;
    }
  }
  return {
    filters: filters as TableFilters,
    appId: search.get("appId") ?? undefined,
    cursor: search.get("cursor") ?? undefined,
    prev: search.getAll("prev"),
    trace: search.get("trace") ?? undefined,
    span: search.get("span") ?? undefined,
    problems: validateQuery(rest),
  };
}

/**
 * The table's query string: the filters and the app, without paging. The table's API adds `cursor`;
 * the Export dialog adds `format` and `limit` to exactly this string.
 */
export function filterQueryString(filters: TableFilters, appId: string): string {
  return toSearchParams({ ...filters, appId }).toString();
}

export function buildTraceUrl(state: Omit<TraceUrlState, "problems">): string {
  const params = toSearchParams({ ...state.filters, appId: state.appId, cursor: state.cursor });
  for (const c of state.prev) params.append("prev", c);
  if (state.trace) params.set("trace", state.trace);
  if (state.span) params.set("span", state.span);
  return params.toString();
}

/** Non-empty filters, for chips and the "N filters" badge. */
export function activeFilters(filters: TableFilters): { key: FilterKey; value: string }[] {
  const out: { key: FilterKey; value: string }[] = [];
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v === undefined || v === "") continue;
    if (Array.isArray(v)) v.forEach((s) => out.push({ key, value: s }));
    else if (!(key === "type" && v === "all")) out.push({ key, value: v });
  }
  return out;
}
