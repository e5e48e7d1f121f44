// `flywheel export traces` flags → the export route's query string, 1:1, through the shared filter
// schema (lib/core/filters.ts): toSearchParams builds it and parseExportQuery validates it here,
// before any request, so a bad flag fails fast, names the flag, and spends no export quota.
import {
  SPAN_TYPES,
  STATUSES,
  parseExportQuery,
  toSearchParams,
  type ExportQuery,
  type FilterInput,
} from "../../lib/core/filters";
import { AppError } from "../../lib/core/errors";
import { usageError } from "./cli-error";
import { resolveTime } from "./relative-time";

export interface ExportFlags {
  format?: string;
  app?: string;
  score?: string[];
  since?: string;
  until?: string;
  limit?: string;
  model?: string;
  type?: string;
  status?: string;
  name?: string;
  userId?: string;
  tag?: string;
  metadata?: string;
  minScore?: string;
  maxScore?: string;
  lightweight?: boolean;
  cursor?: string;
  unit?: string;
  dedupe?: boolean;
  split?: string;
  validationFraction?: string;
  maxTokens?: string;
  redact?: boolean;
  dryRun?: boolean;
  output?: string;
  /** Bulk export (`--all`): a background job for every matching row (SPEC §7). */
  all?: boolean;
  gzip?: boolean;
  destination?: string;
  /** commander's `--no-wait`: false when given. */
  wait?: boolean;
  apiKey?: string;
  baseUrl?: string;
}

/** Which flag sets each query parameter, so server-side and local errors name what the user typed. */
export const FLAG_FOR_PARAM: Record<string, string> = {
  format: "--format",
  limit: "--limit",
  startDate: "--since",
  endDate: "--until",
  minScore: "--min-score",
  maxScore: "--max-score",
  score: "--score",
  type: "--type",
  model: "--model",
  status: "--status",
  name: "--name",
  userId: "--user-id",
  tag: "--tag",
  metadata_key: "--metadata",
  metadata_value: "--metadata",
  lightweight: "--lightweight",
  cursor: "--cursor",
  appId: "--app",
  unit: "--unit",
  dedupe: "--dedupe",
  split: "--split",
  validationFraction: "--validation-fraction",
  maxTokens: "--max-tokens",
  redact: "--redact",
  // Bulk export (--all) body keys.
  compression: "--gzip",
  destination: "--destination",
};

const PARAM_WORD = new RegExp(`\\b(${Object.keys(FLAG_FOR_PARAM).filter((k) => /[A-Z_]/.test(k)).join("|")})\\b`, "g");

export function describeInvalidParams(params: { name: string; reason: string }[]): string {
  // Reasons may name other parameters too ("must not be after endDate"): speak in flags throughout.
  const flagged = (text: string) => text.replace(PARAM_WORD, (m) => FLAG_FOR_PARAM[m] ?? m);
  return params.map((p) => `${FLAG_FOR_PARAM[p.name] ?? p.name} ${flagged(p.reason)}`).join("; ");
}

// Friendly spellings: `--type generation`, `--status error`. Anything else passes through untouched
// for the schema to judge.
function normaliseType(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const up = v.trim().toUpperCase();
  if (up === "ALL") return "all";
  return (SPAN_TYPES as readonly string[]).includes(up) ? up : v;
}

function normaliseStatus(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const up = v.trim().toUpperCase();
  const full = up.startsWith("STATUS_CODE_") ? up : `STATUS_CODE_${up}`;
  return (STATUSES as readonly string[]).includes(full) ? full : v;
}

function splitMetadata(text: string | undefined): { key?: string; value?: string } {
  if (text === undefined) return {};
  const at = text.indexOf("=");
  if (at <= 0) throw usageError(`--metadata must be key=value (got "${text}")`);
  return { key: text.slice(0, at), value: text.slice(at + 1) };
}

export interface BuiltQuery {
  params: URLSearchParams;
  query: ExportQuery;
}

/**
 * The flags as the filter schema's input (text per parameter), with the friendly spellings read and
 * relative times pinned to `now`. The one mapping from flags to parameters: the page export builds its
 * query string from it, a bulk job (`--all`, job-body.ts) its JSON body.
 */
export function filterInputFromFlags(flags: ExportFlags, now: Date): FilterInput {
  // toSearchParams drops empty strings; an explicitly empty flag is a mistake worth naming.
  for (const [flag, value] of Object.entries({ "--model": flags.model, "--name": flags.name, "--user-id": flags.userId, "--tag": flags.tag, "--cursor": flags.cursor })) {
    if (value !== undefined && value.trim() === "") throw usageError(`${flag} must not be empty`);
  }
  const metadata = splitMetadata(flags.metadata);
  return {
    format: flags.format?.trim().toLowerCase(),
    limit: flags.limit?.trim(),
    startDate: flags.since === undefined ? undefined : resolveTime(flags.since, now),
    endDate: flags.until === undefined ? undefined : resolveTime(flags.until, now),
    minScore: flags.minScore?.trim(),
    maxScore: flags.maxScore?.trim(),
    score: flags.score?.length ? flags.score : undefined,
    type: normaliseType(flags.type),
    model: flags.model,
    status: normaliseStatus(flags.status),
    name: flags.name,
    userId: flags.userId,
    tag: flags.tag,
    metadata_key: metadata.key,
    metadata_value: metadata.value,
    lightweight: flags.lightweight ? "true" : undefined,
    cursor: flags.cursor,
    unit: flags.unit?.trim().toLowerCase(),
    dedupe: flags.dedupe ? "true" : undefined,
    split: flags.split?.trim().toLowerCase(),
    validationFraction: flags.validationFraction?.trim(),
    maxTokens: flags.maxTokens?.trim(),
    redact: flags.redact ? "true" : undefined,
  };
}

/**
 * Builds and validates the query. `appId` is set only for JWT callers (API keys name the app in
 * X-App-Id).
 */
export function buildExportQuery(flags: ExportFlags, opts: { now: Date; appId?: string }): BuiltQuery {
  const input: FilterInput = { ...filterInputFromFlags(flags, opts.now), appId: opts.appId };
  const params = toSearchParams(input);
  if (input.metadata_value === "") params.set("metadata_value", "");
  try {
    return { params, query: parseExportQuery(params, opts.now) };
  } catch (err) {
    if (err instanceof AppError && err.invalidParams.length) {
      throw usageError(`Invalid flags: ${describeInvalidParams(err.invalidParams)}`);
    }
    throw err;
  }
}
