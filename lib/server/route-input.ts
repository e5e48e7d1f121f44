import "server-only";
// How the route wrapper reads what a route declares: a query schema and a body schema. Either is a
// zod schema (validated with the one validator, so every 400 names its fields alike) or, where a
// contract needs more than a schema — the export query's repeatable `score`, an OTLP body's
// encodings — a parser from lib/core.
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { invalidInput, NUL_REASON, validate } from "@/lib/core/errors";
import { readJsonBody, type BodySource } from "@/lib/core/ingest/read-body";
import { parseQuery } from "@/lib/core/query-string";

export type QuerySpec<Q> = z.ZodType<Q> | ((params: URLSearchParams) => Q);
/** A reader takes the most bytes the route accepts (undefined: the reader's own default). */
export type BodySpec<B> = z.ZodType<B> | ((source: BodySource, limit?: number) => Promise<B>);

/** What a JSON body validated by a schema may weigh unless the route says otherwise: logins, keys. */
export const DEFAULT_JSON_BODY_LIMIT = 16 * 1024;

/** Path segments are text like any other parameter: a NUL in one is refused, named. */
export function refuseNulParams(params: Record<string, string>): Record<string, string> {
  const bad = Object.keys(params).filter((k) => params[k].includes("\u0000"));
  if (bad.length) throw invalidInput(bad.map((name) => ({ name, reason: NUL_REASON })), "Invalid path");
  return params;
}

export function readQuery<Q>(spec: QuerySpec<Q>, params: URLSearchParams): Q {
  if (typeof spec === "function") return spec(params);
  return parseQuery(spec, params);
}

export function bodySource(req: NextRequest): BodySource {
  const h = req.headers;
  return { contentType: h.get("content-type"), contentEncoding: h.get("content-encoding"), contentLength: h.get("content-length"), body: req.body };
}

export async function readBody<B>(spec: BodySpec<B>, req: NextRequest, limit?: number): Promise<B> {
  const source = bodySource(req);
  if (typeof spec === "function") return spec(source, limit);
  return validate(spec, await readJsonBody(source, limit ?? DEFAULT_JSON_BODY_LIMIT), { root: "body", summary: "Invalid body" });
}
