// The Export dialog's fine-tuning options and "Redact personal data" (docs/export.md "Fine-tuning
// options"), as the form holds them and as query parameters. They are validated by THE filter schema,
// so the form refuses what the server would.
import { DEFAULT_VALIDATION_FRACTION, type FilterInput, type Format, type Split, type Unit } from "@/lib/core/filters";
import { validateQuery } from "@/lib/client/trace-url-state";

export interface ExportChoices {
  unit: Unit;
  dedupe: boolean;
  /** "" keeps both sides (no split). */
  split: Split | "";
  validationFraction: string;
  /** "" means no budget. */
  maxTokens: string;
  redact: boolean;
}

export const DEFAULT_CHOICES: ExportChoices = {
  unit: "span",
  dedupe: false,
  split: "",
  validationFraction: String(DEFAULT_VALIDATION_FRACTION),
  maxTokens: "",
  redact: false,
};

export type OptionParams = Pick<FilterInput, "unit" | "dedupe" | "split" | "validationFraction" | "maxTokens" | "redact">;

/** The parameters the choices add to the export URL: the fine-tuning ones for openai only, and only when not the default. */
export function optionParams(format: Format, c: ExportChoices): OptionParams {
  const out: OptionParams = {};
  if (c.redact) out.redact = "true";
  if (format !== "openai") return out;
  if (c.unit !== "span") out.unit = c.unit;
  if (c.dedupe) out.dedupe = "true";
  if (c.split) {
    out.split = c.split;
    out.validationFraction = c.validationFraction.trim();
  }
  if (c.maxTokens.trim()) out.maxTokens = c.maxTokens.trim();
  return out;
}

/** What the schema says about the choices, by parameter (empty when all are valid). */
export function optionErrors(format: Format, c: ExportChoices): Partial<Record<keyof OptionParams, string>> {
  const params = new URLSearchParams({ format, ...optionParams(format, c) } as Record<string, string>);
  const out: Partial<Record<keyof OptionParams, string>> = {};
  for (const p of validateQuery(params)) out[p.name as keyof OptionParams] = p.reason;
  return out;
}
