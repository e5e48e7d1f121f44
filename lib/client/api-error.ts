// The typed error every dashboard fetcher throws, parsed from the server's error JSON
// ({ error: { code, status, detail, invalid_params } }, lib/core/errors.ts), so components can show
// the server's own words and name the offending parameter.
import type { ErrorBody, InvalidParam } from "@/lib/core/errors";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly invalidParams: InvalidParam[] = [],
    /** Seconds, from Retry-After (429). */
    readonly retryAfter?: number,
  ) {
    super(detail);
    this.name = "ApiError";
  }
}

function isErrorBody(v: unknown): v is ErrorBody {
  const e = (v as ErrorBody | null)?.error;
  return typeof e === "object" && e !== null && typeof e.detail === "string";
}

/** Builds an ApiError from a non-2xx response; tolerates bodies that are not our error JSON. */
export async function apiErrorFrom(res: Response): Promise<ApiError> {
  const retry = Number(res.headers.get("retry-after"));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : undefined;
  const text = await res.text().catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) {
    const e = body.error;
    return new ApiError(e.status ?? res.status, e.code ?? "error", e.detail, e.invalid_params ?? [], retryAfter);
  }
  const detail = text.trim().slice(0, 300) || res.statusText || `HTTP ${res.status}`;
  return new ApiError(res.status, "http_error", detail, [], retryAfter);
}

/** A readable one-paragraph message: the detail, or each invalid parameter by name. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.invalidParams.length) return err.invalidParams.map((p) => `${p.name} ${p.reason}`).join("; ");
    return err.detail;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
