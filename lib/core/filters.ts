// The one filter schema. The export route, the Traces table's API, the dashboard's URL state, the
// Export dialog and the CLI all parse and build query strings through this module, so they can never
// disagree on what a parameter means (docs/architecture.md: where a new filter goes).
import { z } from "zod";
import { decodeCursor, type Cursor } from "./cursor";
import { parseQuery } from "./query-string";

export const FORMATS = ["jsonl", "openai", "csv"] as const;
export const SPAN_TYPES = ["GENERATION", "SPAN", "EVENT"] as const;
export const STATUSES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"] as const;
// Two-character operators first, so ">=" is never read as ">" followed by "=…".
export const SCORE_OPS = [">=", "<=", "!=", ">", "<", "="] as const;
export const UNITS = ["span", "trace", "session"] as const;
export const SPLITS = ["train", "validation"] as const;
export const DEFAULT_VALIDATION_FRACTION = 0.1;
export const MAX_LIMIT = 2000;
export const DEFAULT_LIMIT = 500;
export const DEFAULT_WINDOW_DAYS = 30;

export type Format = (typeof FORMATS)[number];
export type Unit = (typeof UNITS)[number];
export type Split = (typeof SPLITS)[number];
export type SpanType = (typeof SPAN_TYPES)[number];
export type Status = (typeof STATUSES)[number];
export type ScoreOp = (typeof SCORE_OPS)[number];
export interface ScoreCondition {
  name: string;
  op: ScoreOp;
  value: number;
}

const SCORE_RE = /^\s*([A-Za-z0-9_.:\-/ ]*?[A-Za-z0-9_.:\-/])\s*(>=|<=|!=|>|<|=)\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/;
export const SCORE_FORM = "name<op>value, with op one of >=, >, <=, <, =, != (e.g. correctness>=0.8)";

/** Parses `correctness>=0.8`; returns undefined when the text is not of that form. */
export function parseScoreCondition(text: string): ScoreCondition | undefined {
  const m = SCORE_RE.exec(text);
  if (!m) return undefined;
  const value = Number(m[3]);
  if (!Number.isFinite(value)) return undefined;
  return { name: m[1], op: m[2] as ScoreOp, value };
}

/** A date-time without an offset is read as UTC, never as the server's local time: "Z" is added. */
const asUtc = (s: string) => (/T/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s);

/**
 * An ISO 8601 bound. `exact` keeps the text when it is finer than a JS Date holds (microseconds, as
 * export rows carry them): the SQL compares with it, so an endDate copied from a row's timestamp still
 * includes that row.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * Whether the text names a real instant: JavaScript's Date rolls 2026-02-30 over to 2 March and takes
 * hour 24, so each field is checked against the calendar instead of trusting Date.parse.
 */
export function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (m[4] && (Number(m[5]) > 23 || Number(m[6]) > 59 || (m[8] !== undefined && Number(m[8]) > 59))) return false;
  if (m[11] !== undefined && (Number(m[11]) > 23 || Number(m[12]) > 59)) return false;
  return !Number.isNaN(Date.parse(text));
}

const isoDate = z
  .string()
  .refine(isCalendarDate, {
    message: "must be an ISO 8601 date or date-time that exists on the calendar, e.g. 2026-11-01 or 2026-11-01T12:00:00Z",
  })
  .transform((s) => ({ date: new Date(asUtc(s)), exact: /T\d{2}:\d{2}:\d{2}\.\d{4,9}/.test(s) ? asUtc(s) : undefined }));

const finiteNumber = z
  .string()
  .regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, "must be a number")
  .transform(Number)
  // 1e999 is written like a number but is Infinity in JavaScript: refused, never silently unbounded.
  .refine(Number.isFinite, "must be a finite number");

const nonEmpty = (what: string) => z.string().trim().min(1, `must not be empty (${what})`).max(500, "is too long");

/** A value from a fixed list. Its input is any text (what a URL or a flag carries); the list judges it. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T, extra = "") =>
  z.string().pipe(z.enum(values, { message: `must be one of ${values.join(", ")}${extra}` }));

const trueOrFalse = oneOf(["true", "false"]).transform((v) => v === "true");

const scoreConditions = z.array(z.string()).transform((texts, ctx) => {
  const out: ScoreCondition[] = [];
  for (const text of texts) {
    const c = parseScoreCondition(text);
    if (c) out.push(c);
    else ctx.addIssue({ code: "custom", message: `"${text}" is not of the form ${SCORE_FORM}` });
  }
  return out;
});

const cursorText = z
  .string()
  .max(1000, "is too long")
  .transform((text, ctx) => {
    const cursor = decodeCursor(text);
    if (!cursor) ctx.addIssue({ code: "custom", message: "is not a cursor this server issued (use next_cursor as given)" });
    return cursor as Cursor;
  });

/**
 * The export's parameters, exactly as the query string names them (SPEC's parameter table). Their
 * input is text; `FilterInput` (below) is that input, so clients build query strings from this very
 * schema. `score` is the only repeatable parameter.
 */
export const exportParamsSchema = z.strictObject({
  format: oneOf(FORMATS).default("jsonl"),
  limit: z
    .string()
    .regex(/^\d+$/, `must be a whole number from 1 to ${MAX_LIMIT}`)
    .transform(Number)
    .pipe(z.number().min(1, `must be at least 1`).max(MAX_LIMIT, `must be at most ${MAX_LIMIT}`))
    .default(DEFAULT_LIMIT),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  minScore: finiteNumber.optional(),
  maxScore: finiteNumber.optional(),
  score: scoreConditions.default([]),
  type: oneOf([...SPAN_TYPES, "all"]).default("all"),
  model: nonEmpty("an exact model name").optional(),
  status: oneOf(STATUSES).optional(),
  name: nonEmpty("part of a span name").optional(),
  userId: nonEmpty("an exact user id").optional(),
  tag: nonEmpty("a tag").optional(),
  metadata_key: nonEmpty("a metadata key").optional(),
  metadata_value: z.string().max(500, "is too long").optional(),
  lightweight: trueOrFalse.default(false),
  cursor: cursorText.optional(),
  // Fine-tuning options (docs/export.md "Fine-tuning options"): format=openai only, except redact.
  // Left without defaults here so the checks below can tell an option given from one left out.
  unit: oneOf(UNITS).optional(),
  dedupe: trueOrFalse.optional(),
  split: oneOf(SPLITS).optional(),
  validationFraction: finiteNumber
    .pipe(z.number().gt(0, "must be greater than 0").lt(1, "must be less than 1"))
    .optional(),
  maxTokens: z
    .string()
    .regex(/^\d+$/, "must be a positive whole number")
    .transform(Number)
    .pipe(z.number().min(1, "must be at least 1").max(Number.MAX_SAFE_INTEGER, "is too large"))
    .optional(),
  redact: trueOrFalse.optional(),
  // The app, for JWT and dashboard-session callers (API keys name it in X-App-Id).
  appId: nonEmpty("an app id").optional(),
});

/** The filters as a client holds them: each parameter's text, all optional (score as a list). */
export type FilterInput = z.input<typeof exportParamsSchema>;

/** Export options that shape the file rather than choose rows: the format's, the page's, the app's. */
export const EXPORT_OPTION_KEYS = [
  "format", "limit", "lightweight", "cursor", "appId",
  "unit", "dedupe", "split", "validationFraction", "maxTokens", "redact",
] as const satisfies readonly (keyof FilterInput)[];

/** The fine-tuning options that only format=openai takes (redact is taken by every format). */
export const OPENAI_ONLY_KEYS = ["unit", "dedupe", "split", "validationFraction", "maxTokens"] as const;

/** The parameters that filter rows (the rest choose the format, the page and the app). */
export type FilterParam = Exclude<keyof FilterInput, (typeof EXPORT_OPTION_KEYS)[number]>;

/** The parameters as exportParamsSchema reads them, before they are checked together. */
type ParsedParams = z.output<typeof exportParamsSchema>;

/**
 * Checks the parameters together and resolves them into what the engine reads: the date window
 * (default the last 30 days before `now`), score conditions, the metadata pair, the fine-tuning
 * defaults. Shared by the page route's query string and a bulk job's body (lib/core/export-jobs).
 */
export function resolveParams<P extends Omit<ParsedParams, "format" | "limit" | "cursor" | "appId"> & { format: string }>(d: P, ctx: z.RefinementCtx, now: Date) {
  const { startDate: start, endDate: end, score, metadata_key, metadata_value, ...rest } = d;
  const problem = (name: string, message: string) => ctx.addIssue({ code: "custom", path: [name], message });
  if ((metadata_key === undefined) !== (metadata_value === undefined)) {
    problem(metadata_key === undefined ? "metadata_key" : "metadata_value", "metadata_key and metadata_value must be given together");
  }
  if (d.lightweight && d.format === "openai") {
    // An OpenAI example is built from input and output, which lightweight leaves out.
    problem("lightweight", "cannot be true with format=openai (examples are built from input and output)");
  }
  for (const key of OPENAI_ONLY_KEYS) {
    if (d[key] !== undefined && d.format !== "openai") problem(key, `is a fine-tuning option and needs format=openai (got format=${d.format})`);
  }
  if (d.minScore !== undefined && d.maxScore !== undefined && d.minScore > d.maxScore) {
    problem("minScore", "must not be greater than maxScore");
  }
  const endDate = end?.date ?? now;
  const startDate = start?.date ?? new Date(endDate.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
  if (startDate > endDate) problem("startDate", "must not be after endDate");
  const { unit, dedupe, split, validationFraction, maxTokens, redact, ...filters } = rest;
  return {
    ...filters,
    fineTune: {
      unit: unit ?? "span",
      dedupe: dedupe ?? false,
      split,
      validationFraction: validationFraction ?? DEFAULT_VALIDATION_FRACTION,
      maxTokens,
    } as FineTuneOptions,
    redact: redact ?? false,
    startDate,
    endDate,
    startDateExact: start?.exact,
    endDateExact: end?.exact,
    // Left to default: a walk's later pages keep its first page's start (export/walk-total.ts).
    startDateDefaulted: start === undefined,
    endDateDefaulted: end === undefined,
    scores: score,
    metadata: metadata_key !== undefined ? { key: metadata_key, value: metadata_value! } : undefined,
  };
}

/** The page route's parameters, checked together and resolved (resolveParams). */
export function exportQuerySchema(now: Date) {
  return exportParamsSchema.transform((d, ctx) => resolveParams(d, ctx, now));
}

/** The fine-tuning options as the engine reads them (defaults applied; all but redact are openai's). */
export interface FineTuneOptions {
  unit: Unit;
  dedupe: boolean;
  /** Only this side of the split, or both when undefined. */
  split?: Split;
  validationFraction: number;
  maxTokens?: number;
}

/** What the export engine reads: the validated, resolved parameters. */
export type ExportQuery = z.output<ReturnType<typeof exportQuerySchema>>;

/**
 * Validates a query string into an ExportQuery. Every problem is reported at once, each naming its
 * parameter; unknown and repeated parameters are errors too, so a typo never silently widens an export.
 */
export function parseExportQuery(params: URLSearchParams, now = new Date()): ExportQuery {
  return parseQuery(exportQuerySchema(now), params, ["score"]);
}

/** Builds the query string for the export route from client-side filters; unset values are left out. */
export function toSearchParams(input: FilterInput): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) value.forEach((v) => out.append(key, String(v)));
    else out.set(key, String(value));
  }
  return out;
}
