// The Export dialog's fine-tuning options and "Redact personal data" (docs/export.md "Fine-tuning
// options"), as the form holds them and as query parameters. They are validated by THE filter schema,
// so the form refuses what the server would.
import { DEFAULT_VALIDATION_FRACTION, type FilterInput, type Format, type Split, type Unit } from "@/lib/core/filters";
import { invalidParamsOf, type InvalidParam } from "@/lib/core/errors";
import { createJobBodySchema, type CreateJobInput, type JobFormat } from "@/lib/core/export-jobs/contract";
import { validateQuery, type TableFilters } from "@/lib/client/trace-url-state";

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

/**
 * The body of POST /v1/exports for "All N matching rows": exactly the table's filters, the dialog's
 * format and options, under the page route's parameter names (SPEC §7), checked by the contract's
 * schema so the dialog refuses what the server would. Returns the body, or the problems by name.
 */
export function jobBody(
  filters: TableFilters,
  format: JobFormat,
  choices: ExportChoices,
  gzip: boolean,
): { body: CreateJobInput; problems: InvalidParam[] } {
  const body: Record<string, unknown> = { ...filters, format, ...optionParams(format === "parquet" ? "jsonl" : format, choices) };
  for (const [key, value] of Object.entries(body)) if (value === undefined || value === "") delete body[key];
  if (gzip && format !== "parquet") body.compression = "gzip";
  const r = createJobBodySchema(new Date(), Number.MAX_SAFE_INTEGER).safeParse(body);
  return { body: body as CreateJobInput, problems: r.success ? [] : invalidParamsOf(r.error) };
}
