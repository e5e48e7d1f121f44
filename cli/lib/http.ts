// Talking to the Flywheel server: a fetch that turns network failures into exit 5, and the one
// mapping from an error response to an exit code and a single readable line.
import type { ErrorBody } from "../../lib/core/errors";
import { CliError, EXIT, unavailable } from "./cli-error";
import { describeInvalidParams } from "./export-query";

export async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw unavailable(`Cannot reach the Flywheel server at ${new URL(url).origin} (${why})`);
  }
}

/** The server's error body; any field may be missing when something else (a proxy) answered. */
async function readError(res: Response): Promise<Partial<ErrorBody["error"]> | undefined> {
  const text = await res.text().catch(() => "");
  try {
    return (JSON.parse(text) as Partial<ErrorBody>).error;
  } catch {
    return undefined;
  }
}

export function retryAfterText(header: string | null): string {
  const seconds = header && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
  if (seconds === undefined) return "try again later";
  if (seconds < 60) return `try again in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `try again in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** Turns a non-2xx response into the CliError the user sees. `hint` is added to auth failures. */
export async function errorFromResponse(res: Response, opts: { authHint?: string } = {}): Promise<CliError> {
  const body = await readError(res);
  const detail = body?.detail ?? (res.statusText || `HTTP ${res.status}`);
  if (res.status === 400) {
    const named = body?.invalid_params?.length ? describeInvalidParams(body.invalid_params) : detail;
    return new CliError(EXIT.usage, `The server rejected the request: ${named}`);
  }
  if (res.status === 401 || res.status === 403 || res.status === 404) {
    const hint = opts.authHint ? ` ${opts.authHint}` : "";
    const what = res.status === 401 ? "Authentication failed" : "Access denied";
    return new CliError(EXIT.failure, `${what} (${res.status}): ${detail}.${hint}`.replace(/\.\./g, "."));
  }
  if (res.status === 429) {
    return new CliError(EXIT.unavailable, `Rate limit reached (429): ${retryAfterText(res.headers.get("retry-after"))}.`);
  }
  return new CliError(res.status >= 500 ? EXIT.unavailable : EXIT.failure, `Server error (${res.status}): ${detail}`);
}

/**
 * A response body's chunks as they arrive. A connection that breaks mid-body becomes the caller's own
 * exit-5 error (`brokeOff` says what was lost), so every streaming command reports it in its terms.
 */
export async function* bodyChunks(res: Response, brokeOff: (why: string) => CliError): AsyncGenerator<Uint8Array> {
  const reader = res.body!.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        throw brokeOff((err as Error).message);
      }
      if (chunk.done) return;
      yield chunk.value;
    }
  } finally {
    reader.releaseLock();
  }
}
