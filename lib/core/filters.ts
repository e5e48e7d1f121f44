// The one filter schema (STYLE habit 5). The export route, the Traces table's API, the dashboard's
// URL state, the Export dialog and the CLI all parse and build query strings through this module.
import { z } from "zod";
import { badRequest, type InvalidParam } from "./errors";
import { decodeCursor, type Cursor } from "./cursor";

export const FORMATS = ["jsonl", "openai", "csv"] as const;
export const SPAN_TYPES = ["GENERATION", "SPAN", "EVENT"] as const;
export const STATUSES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"] as const;
// Two-character operators first, so ">=" is never read as ">" followed by "=…".
export const SCORE_OPS = [">=", "<=", "!=", ">", "<", "="] as const;
export const MAX_LIMIT = 2000;
export const DEFAULT_LIMIT = 500;
export const DEFAULT_WINDOW_DAYS = 30;

export type Format = (typeof FORMATS)[number];
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

export function formatScoreCondition(c: ScoreCondition): string {
  return `${c.name}${c.op}${c.value}`;
}

/** A date-time without an offset is read as UTC, never as the server's local time: "Z" is added. */
const asUtc = (s: string) => (/T/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s);

const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: "must be an ISO 8601 date or date-time, e.g. 2026-11-01 or 2026-11-01T12:00:00Z",
  })
  .transform((s) => new Date(asUtc(s)));

/** A date-time with more than three fractional digits, with "Z" added when it names no offset. */
function subMillisecond(text: string | undefined): string | undefined {
  return text && /T\d{2}:\d{2}:\d{2}\.\d{4,9}/.test(text) ? asUtc(text) : undefined;
}

const finiteNumber = z
  .string()
  .regex(/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, "must be a number")
  .transform(Number);

const nonEmpty = (what: string) => z.string().trim().min(1, `must not be empty (${what})`).max(500, "is too long");

const single = {
  format: z.enum(FORMATS, { message: `must be one of ${FORMATS.join(", ")}` }).default("jsonl"),
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
  type: z.enum([...SPAN_TYPES, "all"], { message: `must be one of ${SPAN_TYPES.join(", ")}, all` }).default("all"),
  model: nonEmpty("an exact model name").optional(),
  status: z.enum(STATUSES, { message: `must be one of ${STATUSES.join(", ")}` }).optional(),
  name: nonEmpty("part of a span name").optional(),
  userId: nonEmpty("an exact user id").optional(),
  tag: nonEmpty("a tag").optional(),
  metadata_key: nonEmpty("a metadata key").optional(),
  metadata_value: z.string().max(500, "is too long").optional(),
  lightweight: z.enum(["true", "false"], { message: "must be true or false" }).transform((v) => v === "true").default(false),
  cursor: z.string().max(1000, "is too long").optional(),
  // The app, for JWT and dashboard-session callers (API keys name it in X-App-Id).
  appId: nonEmpty("an app id").optional(),
};

const KNOWN = new Set([...Object.keys(single), "score"]);

/** The parameters that filter rows (the rest choose the format, the page and the app). */
export type FilterParam = Exclude<keyof typeof single, "format" | "limit" | "lightweight" | "cursor" | "appId"> | "score";

export interface ExportQuery {
  format: Format;
  limit: number;
  startDate: Date;
  endDate: Date;
  /**
   * The bounds as given, when finer than a JS Date holds (microseconds, as export rows carry them):
   * the SQL compares with these, so an endDate copied from a row's timestamp still includes that row.
   */
  startDateExact?: string;
  endDateExact?: string;
  minScore?: number;
  maxScore?: number;
  scores: ScoreCondition[];
  type: SpanType | "all";
  model?: string;
  status?: Status;
  name?: string;
  userId?: string;
  tag?: string;
  metadata?: { key: string; value: string };
  lightweight: boolean;
  cursor?: Cursor;
  appId?: string;
}

/**
 * Validates a query string into an ExportQuery. Every problem is reported at once, each naming its
 * parameter; unknown and repeated parameters are errors too, so a typo never silently widens an export.
 */
export function parseExportQuery(params: URLSearchParams, now = new Date()): ExportQuery {
  const problems: InvalidParam[] = [];
  const raw: Record<string, string> = {};
  const scoreTexts: string[] = [];
  for (const [key, value] of params) {
    if (!KNOWN.has(key)) problems.push({ name: key, reason: "is not a known parameter" });
    else if (key === "score") scoreTexts.push(value);
    else if (key in raw) problems.push({ name: key, reason: "must be given at most once" });
    else raw[key] = value;
  }

  const parsed = z.object(single).safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ name: String(issue.path[0]), reason: issue.message });
    }
  }

  const scores: ScoreCondition[] = [];
  for (const text of scoreTexts) {
    const c = parseScoreCondition(text);
    if (c) scores.push(c);
    else problems.push({ name: "score", reason: `"${text}" is not of the form ${SCORE_FORM}` });
  }

  let cursor: Cursor | undefined;
  if (raw.cursor !== undefined) {
    cursor = decodeCursor(raw.cursor);
    if (!cursor) problems.push({ name: "cursor", reason: "is not a cursor this server issued (use next_cursor as given)" });
  }

  const d = parsed.success ? parsed.data : undefined;
  if (d) {
    if ((d.metadata_key === undefined) !== (d.metadata_value === undefined)) {
      const missing = d.metadata_key === undefined ? "metadata_key" : "metadata_value";
      problems.push({ name: missing, reason: "metadata_key and metadata_value must be given together" });
    }
    if (d.lightweight && d.format === "openai") {
      // An OpenAI example is built from input and output, which lightweight leaves out.
      problems.push({ name: "lightweight", reason: "cannot be true with format=openai (examples are built from input and output)" });
    }
    if (d.minScore !== undefined && d.maxScore !== undefined && d.minScore > d.maxScore) {
      problems.push({ name: "minScore", reason: "must not be greater than maxScore" });
    }
  }
  const endDate = d?.endDate ?? now;
  const startDate = d?.startDate ?? new Date(endDate.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000);
  if (d && startDate > endDate) problems.push({ name: "startDate", reason: "must not be after endDate" });

  if (problems.length || !d) {
    const summary = problems.map((p) => `${p.name} ${p.reason}`).join("; ");
    throw badRequest(`Invalid query: ${summary}`, problems);
  }
  return {
    format: d.format,
    limit: d.limit,
    startDate,
    endDate,
    startDateExact: d.startDate ? subMillisecond(raw.startDate) : undefined,
    endDateExact: d.endDate ? subMillisecond(raw.endDate) : undefined,
    minScore: d.minScore,
    maxScore: d.maxScore,
    scores,
    type: d.type,
    model: d.model,
    status: d.status,
    name: d.name,
    userId: d.userId,
    tag: d.tag,
    metadata: d.metadata_key !== undefined ? { key: d.metadata_key, value: d.metadata_value! } : undefined,
    lightweight: d.lightweight,
    cursor,
    appId: d.appId,
  };
}

/** The filters as a client holds them (strings as typed; all optional). */
export interface FilterInput {
  format?: Format;
  limit?: number;
  startDate?: string;
  endDate?: string;
  minScore?: number;
  maxScore?: number;
  score?: string[];
  type?: SpanType | "all";
  model?: string;
  status?: Status;
  name?: string;
  userId?: string;
  tag?: string;
  metadata_key?: string;
  metadata_value?: string;
  lightweight?: boolean;
  cursor?: string;
  appId?: string;
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
