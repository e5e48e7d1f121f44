// Reading a request body safely, for every route that reads one: at most a limit of bytes (checked on
// Content-Length first, then counted while reading, since chunked uploads carry no length), gzip
// understood. The limit applies to the bytes received and again to the bytes after decompression, so
// a small gzip bomb cannot expand past it; JSON is refused beyond a nesting depth before anything
// walks it.
import { concatBytes } from "../bytes";
import { AppError, badRequest } from "../errors";

/** 5 MiB: an OTLP batch of 512 spans with full prompts fits several times over. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface BodySource {
  contentType: string | null;
  contentEncoding: string | null;
  contentLength: string | null;
  body: ReadableStream<Uint8Array> | null;
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`);

export const payloadTooLarge = (limit: number) =>
  new AppError(413, "payload_too_large", `Request body is larger than the ${sizeText(limit)} limit; send less at a time`);

export const unsupportedMediaType = (message: string) => new AppError(415, "unsupported_media_type", message);

/**
 * How much of a refused body is still read (and thrown away) before answering. A server that answers
 * 413 while the client is still sending makes most clients see a broken pipe instead of the status;
 * reading on up to this bound lets them read the answer, and beyond it the connection is closed anyway.
 */
export const DRAIN_BYTES = 32 * 1024 * 1024;

/** How deep a JSON body may nest; deeper is refused before anything walks it recursively. */
export const MAX_JSON_DEPTH = 64;

/** Reads and discards the rest of the body, up to `bound` bytes; never fails. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, bound = DRAIN_BYTES): Promise<void> {
  let seen = 0;
  try {
    while (seen < bound) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // the client went away: nothing left to answer
  }
}

/**
 * A body refused before reading it (a content type the route does not read): drained first, as for a
 * 413, so the client can read the answer; returns the error to throw.
 */
export async function refuseUnread(src: BodySource, err: AppError): Promise<AppError> {
  const reader = src.body?.getReader();
  if (reader) await drain(reader);
  return err;
}

/** The stream's bytes, at most `limit` of them; past it the rest is drained and 413 thrown. */
async function readLimited(stream: ReadableStream<Uint8Array>, limit: number, onOver = drain): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await onOver(reader);
        throw payloadTooLarge(limit);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return concatBytes(chunks, size);
}

/** gunzips bytes already received, stopping (413) as soon as the output passes `limit`. */
async function gunzipLimited(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  const inflated = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>);
  try {
    // Past the limit, stop inflating: the bomb's remaining output is never produced.
    return await readLimited(inflated, limit, async (reader) => void (await reader.cancel().catch(() => {})));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw badRequest("Could not read the request body: invalid gzip data");
  }
}

/**
 * The body's bytes, decompressed: 413 past `limit` (declared, received, or after gzip), 415 for an
 * encoding other than gzip, 400 for an empty body. A refused body is drained first (DRAIN_BYTES), so
 * the client can read the answer.
 */
export async function readBodyBytes(src: BodySource, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const reader = src.body?.getReader();
  const refuse = async (err: AppError) => {
    if (reader) await drain(reader);
    return err;
  };
  const encoding = (src.contentEncoding ?? "identity").trim().toLowerCase();
  const gzip = encoding === "gzip" || encoding === "x-gzip";
  if (!gzip && encoding !== "identity" && encoding !== "") {
    throw await refuse(unsupportedMediaType(`Unsupported Content-Encoding "${encoding}": send gzip or no encoding`));
  }
  const declared = src.contentLength != null ? Number(src.contentLength) : undefined;
  if (declared !== undefined && Number.isFinite(declared) && declared > limit) throw await refuse(payloadTooLarge(limit));
  if (!reader) throw badRequest("Request body is empty");
  reader.releaseLock();

  let bytes: Uint8Array;
  try {
    bytes = await readLimited(src.body!, limit);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw badRequest(`Could not read the request body: ${(err as Error).message}`);
  }
  return gzip ? gunzipLimited(bytes, limit) : bytes;
}

/** The nesting depth of a parsed JSON value, counted without recursion (so any depth is safe to measure). */
export function jsonDepth(value: unknown, stopAt = Infinity): number {
  if (value === null || typeof value !== "object") return 0;
  // Runs over every OTLP span ingested: two parallel stacks instead of a tuple per value, and scalars
  // (most of a body) never pushed, since they add no depth.
  const values: object[] = [value];
  const depths: number[] = [1];
  let max = 0;
  while (values.length) {
    const v = values.pop()!;
    const depth = depths.pop()!;
    if (depth > max) max = depth;
    if (max > stopAt) return max;
    // for…in sees the own keys of parsed JSON (its objects inherit nothing enumerable), with no array made.
    if (Array.isArray(v)) {
      for (const child of v) {
        if (child !== null && typeof child === "object") {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else {
      for (const key in v) {
        const child = (v as Record<string, unknown>)[key];
        if (child !== null && typeof child === "object") {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return max;
}

export interface JsonBodyOptions {
  /** Deepest nesting accepted (objects and arrays); undefined: no bound (the caller bounds what it walks). */
  maxDepth?: number;
}

/** Reads and parses the JSON body; 413 / 415 / 400 as documented in docs/ingest.md. */
export async function readJsonBody(src: BodySource, limit = MAX_BODY_BYTES, opts: JsonBodyOptions = { maxDepth: MAX_JSON_DEPTH }): Promise<unknown> {
  const bytes = await readBodyBytes(src, limit);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("Request body is not valid UTF-8");
  }
  if (text.trim() === "") throw badRequest("Request body is empty: send a JSON document");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(`Request body is not valid JSON: ${(err as Error).message}`);
  }
  if (opts.maxDepth !== undefined && jsonDepth(value, opts.maxDepth) > opts.maxDepth) {
    throw badRequest(`Request body nests deeper than ${opts.maxDepth} levels`, [{ name: "body", reason: `nests deeper than ${opts.maxDepth} levels` }]);
  }
  return value;
}
