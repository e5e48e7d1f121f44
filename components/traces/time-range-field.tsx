"use client";
// Time range: presets that write absolute startDate/endDate (so a shared link shows the same window),
// and custom From/To in the user's local time.
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import { PRESETS, matchingPreset } from "./filter-draft";
import { fromLocalInput, toLocalInput } from "./format";

export function TimeRangeField({
  startDate,
  endDate,
  errors,
  onChange,
  onPreset,
}: {
  startDate: string;
  endDate: string;
  errors: { startDate?: string; endDate?: string };
  onChange: (range: { startDate: string; endDate: string }) => void;
  onPreset: (ms: number) => void;
}) {
  const fromId = useId();
  const toId = useId();
  const active = matchingPreset(startDate, endDate);
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <span className="text-[11px] font-medium tracking-wide text-slate-500 uppercase" id={`${fromId}-presets`}>
          Time range
        </span>
        <div role="group" aria-labelledby={`${fromId}-presets`} className="flex gap-1">
          {PRESETS.map((p) => (
            <Button
              key={p.id}
              size="sm"
              pressed={active === p.id}
              onClick={() => onPreset(p.ms)}
              aria-label={`Last ${p.label}`}
              data-testid={`preset-${p.id}`}
            >
              {p.label}
            </Button>
          ))}
          <Button
            size="sm"
            pressed={!startDate && !endDate}
            onClick={() => onChange({ startDate: "", endDate: "" })}
            title="No dates: the last 30 days up to now, as the export defaults"
          >
            Default
          </Button>
        </div>
      </div>
      <Field label="From" htmlFor={fromId} error={errors.startDate} className="w-48">
        <Input
          id={fromId}
          type="datetime-local"
          value={toLocalInput(startDate)}
          invalid={Boolean(errors.startDate)}
          onChange={(e) => onChange({ startDate: fromLocalInput(e.target.value), endDate })}
        />
      </Field>
      <Field label="To" htmlFor={toId} error={errors.endDate} className="w-48">
        <Input
          id={toId}
          type="datetime-local"
          value={toLocalInput(endDate)}
          invalid={Boolean(errors.endDate)}
          onChange={(e) => onChange({ startDate, endDate: fromLocalInput(e.target.value) })}
        />
      </Field>
      {!startDate && !endDate ? <p className="pb-2 text-xs text-slate-500">Showing the last 30 days</p> : null}
    </div>
  );
}
