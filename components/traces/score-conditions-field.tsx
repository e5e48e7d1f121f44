"use client";
// Score conditions (`score=name<op>value`, repeatable; all must hold): one row per condition.
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { ScoreOp } from "@/lib/core/filters";
import { EMPTY_SCORE_ROW, SCORE_OP_OPTIONS, type ScoreRowDraft } from "./filter-draft";

export function ScoreConditionsField({
  rows,
  error,
  onChange,
}: {
  rows: ScoreRowDraft[];
  error?: string;
  onChange: (rows: ScoreRowDraft[]) => void;
}) {
  const set = (i: number, patch: Partial<ScoreRowDraft>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="flex min-w-0 flex-col gap-1" data-testid="score-conditions">
      <legend className="mb-1 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Score conditions</legend>
      <div className="flex flex-wrap items-center gap-2">
        {rows.map((r, i) => (
          <div key={i} className="flex items-center gap-1 rounded-md border border-slate-200 bg-slate-50 p-1" data-testid="score-condition">
            <Input
              aria-label={`Score name ${i + 1}`}
              placeholder="name, e.g. correctness"
              value={r.name}
              onChange={(e) => set(i, { name: e.target.value })}
              className="h-7 w-40"
            />
            <Select
              aria-label={`Score operator ${i + 1}`}
              options={SCORE_OP_OPTIONS}
              value={r.op}
              onChange={(e) => set(i, { op: e.target.value as ScoreOp })}
              className="h-7 w-14"
            />
            <Input
              aria-label={`Score value ${i + 1}`}
              inputMode="decimal"
              placeholder="0.8"
              value={r.value}
              onChange={(e) => set(i, { value: e.target.value })}
              className="h-7 w-20"
            />
            <Button
              size="xs"
              variant="ghost"
              aria-label={`Remove score condition ${i + 1}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              ×
            </Button>
          </div>
        ))}
        <Button size="sm" variant="ghost" className="text-indigo-700" onClick={() => onChange([...rows, { ...EMPTY_SCORE_ROW }])}>
          + Add score condition
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
