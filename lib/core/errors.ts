// One error vocabulary. Core code throws these; only the route wrapper (lib/server/route.ts) and the
// CLI turn them into responses or exit codes.

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
