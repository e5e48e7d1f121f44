// One error vocabulary. Core code throws these; only the route wrapper (lib/server/route.ts) and the
// CLI turn them into responses or exit codes. The one validator lives here too, so every 400 for bad
// input — query string, JSON body, OTLP batch, admin command — names its fields the same way.
import type { z } from "zod";

export interface InvalidParam {
  name: string;
  reason: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly invalidParams: InvalidParam[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, invalidParams: InvalidParam[] = []) =>
  new AppError(400, "bad_request", message, invalidParams);
export const unauthorized = (message = "Missing or invalid credentials") =>
  new AppError(401, "unauthorized", message);
export const forbidden = (message = "No access to this app") => new AppError(403, "forbidden", message);
export const notFound = (message: string) => new AppError(404, "not_found", message);
export const rateLimited = (retryAfterSeconds: number, limit: number) =>
  new AppError(
    429,
    "rate_limited",
    `Export rate limit reached: ${limit} exports per hour per tenant. Try again in ${retryAfterSeconds} seconds.`,
    [],
    { "Retry-After": String(retryAfterSeconds) },
  );

/** The JSON body every error response carries (problem+json style). */
export interface ErrorBody {
  error: { code: string; title: string; status: number; detail: string; invalid_params?: InvalidParam[] };
}

export function errorBody(err: AppError): ErrorBody {
  return {
    error: {
      code: err.code,
      title: err.code.replace(/_/g, " "),
      status: err.status,
      detail: err.message,
      ...(err.invalidParams.length ? { invalid_params: err.invalidParams } : {}),
    },
  };
}

/**
 * A zod error as the parameters it names. A key the schema does not know is named by itself (zod
 * reports them together), so a typo is pointed at, never silently dropped.
 */
export function invalidParamsOf(error: z.ZodError, root = "value"): InvalidParam[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ name: [...at, key].join("."), reason: "is not a known parameter" }));
    }
    return [{ name: at.join(".") || root, reason: issue.message }];
  });
}

/** The 400 for a list of problems: each named, all in one message. */
export function invalidInput(problems: InvalidParam[], summary?: string): AppError {
  const list = problems.map((p) => `${p.name} ${p.reason}`).join("; ");
  return badRequest(summary ? `${summary}: ${list}` : list, problems);
}

/**
 * Every place in a value (strings and object keys, at any depth) that holds a NUL character, by path.
 * PostgreSQL text cannot hold one, so a NUL that reached SQL would be a 500: the validator refuses it
 * up front instead, naming where it is. Iterative, so a deeply nested value cannot overflow the stack.
 */
export function nulPaths(value: unknown, root: string[] = []): string[] {
  const found: string[] = [];
  const stack: [unknown, string[]][] = [[value, root]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) found.push(at.join("."));
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, [...at, String(i)]]));
    } else if (v !== null && typeof v === "object") {
      for (const [k, item] of Object.entries(v)) {
        if (k.includes("\u0000")) found.push([...at, k].join("."));
        else stack.push([item, [...at, k]]);
      }
    }
  }
  return found.reverse();
}

export const NUL_REASON = "must not contain a NUL character (\\u0000)";

export interface ValidateOptions {
  /** The name for a problem with the input as a whole (default "value"). */
  root?: string;
  /** Let NUL characters through (ingest strips them from span content instead of refusing the batch). */
  allowNul?: boolean;
  /** Words before the list of problems in the message, e.g. "Invalid query". */
  summary?: string;
  /** Report at most this many problems (a large batch can hold thousands). */
  max?: number;
}

/** Parses with a zod schema; a failure is the shared 400 naming each field. */
export function validate<T extends z.ZodType>(schema: T, input: unknown, opts: ValidateOptions = {}): z.output<T> {
  const nul = opts.allowNul ? [] : nulPaths(input);
  if (nul.length) throw invalidInput(nul.map((name) => ({ name: name || (opts.root ?? "value"), reason: NUL_REASON })), opts.summary);
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw invalidInput(invalidParamsOf(r.error, opts.root).slice(0, opts.max), opts.summary);
}
