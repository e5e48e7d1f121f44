"use client";
// The filter bar: one control per export parameter. Edits stay in a draft until Apply (or Enter, or
// a time preset). When the URL's filters change from outside (Back/Forward, a chip, Clear), the draft
// is reset to them; a change this form applied itself leaves the draft alone, so typing that goes on
// while the URL catches up is never lost.
import { useId, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { SPAN_TYPES, STATUSES } from "@/lib/core/filters";
import { FILTER_KEYS, type TableFilters } from "@/lib/client/trace-url-state";
import { draftFromFilters, draftProblems, filtersFromDraft, filtersKey, presetRange, type FilterDraft } from "./filter-draft";
import { STATUS_LABEL } from "./format";
import { ScoreConditionsField } from "./score-conditions-field";
import { TimeRangeField } from "./time-range-field";

const TYPE_OPTIONS = [{ value: "all", label: "All types" }, ...SPAN_TYPES.map((t) => ({ value: t, label: t }))];
const STATUS_OPTIONS = [{ value: "", label: "Any status" }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))];
/** Filters whose problems show beside their own field; the selects' (type, status) are listed below the form. */
const FIELD_FILTERS = new Set<string>(FILTER_KEYS.filter((k) => k !== "type" && k !== "status"));

function TextFilter({
  label,
  value,
  error,
  placeholder,
  list,
  onChange,
  className,
  inputMode,
}: {
  label: ReactNode;
  value: string;
  error?: string;
  placeholder?: string;
  list?: string;
  onChange: (v: string) => void;
  className?: string;
  inputMode?: "decimal";
}) {
  const id = useId();
  return (
    <Field label={label} htmlFor={id} error={error} className={className}>
      <Input id={id} value={value} placeholder={placeholder} list={list} inputMode={inputMode} invalid={Boolean(error)} onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

export function FilterBar({
  filters,
  modelSuggestions,
  onApply,
}: {
  filters: TableFilters;
  /** Models seen on the current page, offered as completions. */
  modelSuggestions: string[];
  onApply: (filters: TableFilters) => void;
}) {
  const [draft, setDraft] = useState<FilterDraft>(() => draftFromFilters(filters));
  const [attempted, setAttempted] = useState(false);
  // React's "adjust state when a prop changes": compare with the URL filters last seen.
  const urlKey = filtersKey(filters);
  const [seenKey, setSeenKey] = useState(urlKey);
  const [appliedKey, setAppliedKey] = useState<string | null>(null);
  if (urlKey !== seenKey) {
    setSeenKey(urlKey);
    setAppliedKey(null);
    if (urlKey !== appliedKey) {
      setDraft(draftFromFilters(filters));
      setAttempted(false);
    }
  }
  const problems = useMemo(() => draftProblems(draft), [draft]);
  const dirty = filtersKey(filtersFromDraft(draft)) !== urlKey;
  const err = (name: string) => (attempted ? problems.get(name) : undefined);
  const typeId = useId();
  const statusId = useId();
  const listId = useId();
  const set = (patch: Partial<FilterDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const apply = (next: FilterDraft) => {
    setAttempted(true);
    if (draftProblems(next).size > 0) return;
    const applied = filtersFromDraft(next);
    setAppliedKey(filtersKey(applied));
    onApply(applied);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  const otherProblems = [...problems].filter(([name]) => !FIELD_FILTERS.has(name));

  return (
    <form onSubmit={submit} aria-label="Filters" data-testid="filter-bar" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <TimeRangeField
        startDate={draft.startDate}
        endDate={draft.endDate}
        errors={{ startDate: err("startDate"), endDate: err("endDate") }}
        onChange={(range) => set(range)}
        onPreset={(ms) => {
          const next = { ...draft, ...presetRange(ms) };
          setDraft(next);
          apply(next);
        }}
      />
      <div className="grid grid-cols-2 gap-x-3 gap-y-2 sm:grid-cols-4 lg:grid-cols-6 2xl:grid-cols-10">
        <Field label="Type" htmlFor={typeId}>
          <Select id={typeId} options={TYPE_OPTIONS} value={draft.type} onChange={(e) => set({ type: e.target.value })} />
        </Field>
        <Field label="Status" htmlFor={statusId}>
          <Select id={statusId} options={STATUS_OPTIONS} value={draft.status} onChange={(e) => set({ status: e.target.value })} />
        </Field>
        <TextFilter label="Model" value={draft.model} error={err("model")} placeholder="exact, e.g. gpt-4o" list={listId} onChange={(model) => set({ model })} />
        <datalist id={listId}>
          {modelSuggestions.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <TextFilter label="Name contains" value={draft.name} error={err("name")} placeholder="span name" onChange={(name) => set({ name })} />
        <TextFilter label="User" value={draft.userId} error={err("userId")} placeholder="exact user id" onChange={(userId) => set({ userId })} />
        <TextFilter label="Tag" value={draft.tag} error={err("tag")} placeholder="tag" onChange={(tag) => set({ tag })} />
        <TextFilter label="Metadata key" value={draft.metadata_key} error={err("metadata_key")} placeholder="key" onChange={(metadata_key) => set({ metadata_key })} />
        <TextFilter label="Metadata value" value={draft.metadata_value} error={err("metadata_value")} placeholder="value" onChange={(metadata_value) => set({ metadata_value })} />
        <TextFilter label="Min score" value={draft.minScore} error={err("minScore")} placeholder="any score ≥" inputMode="decimal" onChange={(minScore) => set({ minScore })} />
        <TextFilter label="Max score" value={draft.maxScore} error={err("maxScore")} placeholder="any score ≤" inputMode="decimal" onChange={(maxScore) => set({ maxScore })} />
      </div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <ScoreConditionsField rows={draft.scores} error={err("score")} onChange={(scores) => set({ scores })} />
        <div className="ml-auto flex items-center gap-2">
          {attempted && otherProblems.length ? (
            <p role="alert" className="text-xs text-red-600">
              {otherProblems.map(([n, r]) => `${n} ${r}`).join("; ")}
            </p>
          ) : null}
          {dirty ? <span className="text-xs text-amber-700">Unapplied changes</span> : null}
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              const empty = draftFromFilters({});
              setDraft(empty);
              apply(empty);
            }}
          >
            Clear all
          </Button>
          <Button type="submit" variant="primary" size="sm">
            Apply filters
          </Button>
        </div>
      </div>
    </form>
  );
}
