"use client";
// The Export dialog's options for a training file (OpenAI chat only: unit, dedupe, split, token
// budget) and "Redact personal data" (every format). State lives in the dialog; this only renders it.
import { useId } from "react";
import { Field, Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { Format } from "@/lib/core/filters";
import { optionErrors, type ExportChoices } from "./export-options";

const UNIT_OPTIONS = [
  { value: "span", label: "Each generation" },
  { value: "trace", label: "Each trace (whole conversation)" },
  { value: "session", label: "Each session (its traces joined)" },
] as const;

const SPLIT_OPTIONS = [
  { value: "", label: "Both (no split)" },
  { value: "train", label: "Training side" },
  { value: "validation", label: "Validation side" },
] as const;

function Check({ checked, onChange, label, testId }: { checked: boolean; onChange: (v: boolean) => void; label: string; testId: string }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input type="checkbox" className="accent-indigo-600" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      {label}
    </label>
  );
}

export function ExportFineTuneOptions({ format, choices, onChange }: { format: Format; choices: ExportChoices; onChange: (c: ExportChoices) => void }) {
  const id = useId();
  const set = (patch: Partial<ExportChoices>) => onChange({ ...choices, ...patch });
  const errors = optionErrors(format, choices);
  return (
    <div className="flex flex-col gap-3" data-testid="export-options">
      {format === "openai" ? (
        <fieldset className="flex flex-col gap-3 rounded-lg border border-slate-200 px-3 py-2.5">
          <legend className="px-1 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Training file</legend>
          <div className="flex flex-wrap items-start gap-x-6 gap-y-2">
            <Field label="One example per" htmlFor={`${id}-unit`} className="w-64">
              <Select id={`${id}-unit`} options={UNIT_OPTIONS} value={choices.unit} onChange={(e) => set({ unit: e.target.value as ExportChoices["unit"] })} data-testid="export-unit" />
            </Field>
            <Field label="Max tokens per example" htmlFor={`${id}-max`} error={errors.maxTokens && `Max tokens ${errors.maxTokens}`} hint="Longer examples are skipped" className="w-52">
              <Input id={`${id}-max`} inputMode="numeric" placeholder="no limit" value={choices.maxTokens} invalid={Boolean(errors.maxTokens)} onChange={(e) => set({ maxTokens: e.target.value })} data-testid="export-max-tokens" />
            </Field>
          </div>
          <div className="flex flex-wrap items-start gap-x-6 gap-y-2">
            <Field label="Split" htmlFor={`${id}-split`} className="w-52">
              <Select id={`${id}-split`} options={SPLIT_OPTIONS} value={choices.split} onChange={(e) => set({ split: e.target.value as ExportChoices["split"] })} data-testid="export-split" />
            </Field>
            {choices.split ? (
              <Field label="Validation fraction" htmlFor={`${id}-fraction`} error={errors.validationFraction && `Validation fraction ${errors.validationFraction}`} hint="Share of traces on the validation side" className="w-52">
                <Input id={`${id}-fraction`} inputMode="decimal" value={choices.validationFraction} invalid={Boolean(errors.validationFraction)} onChange={(e) => set({ validationFraction: e.target.value })} data-testid="export-validation-fraction" />
              </Field>
            ) : null}
          </div>
          <Check checked={choices.dedupe} onChange={(dedupe) => set({ dedupe })} label="Skip duplicate examples" testId="export-dedupe" />
        </fieldset>
      ) : null}
      <Check checked={choices.redact} onChange={(redact) => set({ redact })} label="Redact personal data (emails, phone numbers, cards, IP addresses, keys)" testId="export-redact" />
    </div>
  );
}

/** True when the choices hold a value the schema refuses. */
export function hasOptionErrors(format: Format, choices: ExportChoices): boolean {
  return Object.keys(optionErrors(format, choices)).length > 0;
}
