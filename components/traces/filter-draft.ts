// The filter bar's editable copy of the URL's filters. Editing happens on this draft; Apply validates
// it with THE filter schema (via validateQuery) and only then writes it to the URL.
import { SCORE_OPS, parseScoreCondition, toSearchParams, type ScoreOp } from "@/lib/core/filters";
import { FILTER_KEYS, validateQuery, type TableFilters } from "@/lib/client/trace-url-state";

export interface ScoreRowDraft {
  name: string;
  op: ScoreOp;
  value: string;
}

export interface FilterDraft {
  startDate: string;
  endDate: string;
  scores: ScoreRowDraft[];
  minScore: string;
  maxScore: string;
  model: string;
  type: string;
  status: string;
  name: string;
  userId: string;
  tag: string;
  metadata_key: string;
  metadata_value: string;
}

export const EMPTY_SCORE_ROW: ScoreRowDraft = { name: "", op: ">=", value: "" };

export function draftFromFilters(f: TableFilters): FilterDraft {
  return {
    startDate: f.startDate ?? "",
    endDate: f.endDate ?? "",
    scores: (f.score ?? []).map((text) => {
      const c = parseScoreCondition(text);
      // An unparseable condition stays visible (in the name box) so the user can fix or remove it.
      return c ? { name: c.name, op: c.op, value: String(c.value) } : { name: text, op: "=" as ScoreOp, value: "" };
    }),
    minScore: f.minScore ?? "",
    maxScore: f.maxScore ?? "",
    model: f.model ?? "",
    type: f.type ?? "all",
    status: f.status ?? "",
    name: f.name ?? "",
    userId: f.userId ?? "",
    tag: f.tag ?? "",
    metadata_key: f.metadata_key ?? "",
    metadata_value: f.metadata_value ?? "",
  };
}

export function filtersFromDraft(d: FilterDraft): TableFilters {
  const text = (s: string) => s.trim() || undefined;
  const score = d.scores
    .filter((r) => r.name.trim() || r.value.trim())
    .map((r) => `${r.name.trim()}${r.op}${r.value.trim()}`);
  return {
    startDate: text(d.startDate),
    endDate: text(d.endDate),
    score: score.length ? score : undefined,
    minScore: text(d.minScore),
    maxScore: text(d.maxScore),
    model: text(d.model),
    type: d.type && d.type !== "all" ? d.type : undefined,
    status: text(d.status),
    name: text(d.name),
    userId: text(d.userId),
    tag: text(d.tag),
    metadata_key: text(d.metadata_key),
    // An empty box is "not given" (the URL cannot carry an empty value: toSearchParams drops it).
    metadata_value: text(d.metadata_value),
  };
}

/** A comparable text for a set of filters (key order and unset values do not matter). */
export function filtersKey(f: TableFilters): string {
  return JSON.stringify(FILTER_KEYS.map((k) => f[k] ?? null));
}

/** Problems with the draft, from the one schema, grouped by parameter name. */
export function draftProblems(d: FilterDraft): Map<string, string> {
  const params = toSearchParams(filtersFromDraft(d));
  const out = new Map<string, string>();
  for (const p of validateQuery(params)) {
    out.set(p.name, out.has(p.name) ? `${out.get(p.name)}; ${p.reason}` : p.reason);
  }
  return out;
}

export const SCORE_OP_OPTIONS = SCORE_OPS.map((op) => ({ value: op, label: op === "!=" ? "≠" : op === ">=" ? "≥" : op === "<=" ? "≤" : op }));

export const PRESETS = [
  { id: "1h", label: "1h", ms: 3_600_000 },
  { id: "24h", label: "24h", ms: 86_400_000 },
  { id: "7d", label: "7d", ms: 7 * 86_400_000 },
  { id: "30d", label: "30d", ms: 30 * 86_400_000 },
] as const;

/** The one mapping from a preset to absolute dates: the URL, the table and the export all get these. */
export function presetRange(ms: number, now = new Date()): { startDate: string; endDate: string } {
  return { startDate: new Date(now.getTime() - ms).toISOString(), endDate: now.toISOString() };
}

/** Which preset an absolute range equals (to highlight its button), allowing for a second of rounding. */
export function matchingPreset(startDate?: string, endDate?: string): string | undefined {
  if (!startDate || !endDate) return undefined;
  const span = Date.parse(endDate) - Date.parse(startDate);
  return PRESETS.find((p) => Math.abs(p.ms - span) < 1000)?.id;
}
