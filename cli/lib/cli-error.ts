// The CLI's one error type and its exit codes. Commands throw CliError; only cli/index.ts turns it
// into one line on stderr and an exit code, so every failure looks and exits the same way.
import { AppError } from "../../lib/core/errors";

export const EXIT = {
  ok: 0,
  /** Auth failures (401/403/404 from the server) and failures that fit nowhere else. */
  failure: 1,
  /** Bad flags or values, no link, no credentials, an output file we may not overwrite. */
  usage: 2,
  /** A bulk export job that failed on the server (its error is printed). */
  jobFailed: 3,
  /** A bulk export job that was cancelled, so there is nothing to download. */
  jobCancelled: 4,
  /** Rate limit (429), server errors, network failures, broken or truncated streams. */
  unavailable: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export const usageError = (message: string) => new CliError(EXIT.usage, message);
export const failure = (message: string) => new CliError(EXIT.failure, message);
export const unavailable = (message: string) => new CliError(EXIT.unavailable, message);

/** Maps any thrown value to an exit code and a single line for stderr. */
export function describeError(err: unknown): { code: ExitCode; line: string } {
  if (err instanceof CliError) return { code: err.exitCode, line: err.message };
  if (err instanceof AppError) {
    // Core validation (400) is a usage error; everything else from core (404 unknown tenant,
    // 409 duplicate slug) is an ordinary failure.
    return { code: err.status === 400 ? EXIT.usage : EXIT.failure, line: err.message };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: EXIT.failure, line: message.split("\n")[0] || "unexpected error" };
}
