import "server-only";
// How the route wrapper reads what a route declares: a query schema and a body schema. Either is a
// zod schema (validated with the one validator, so every 400 names its fields alike) or, where a
// contract needs more than a schema — the export query's repeatable `score`, an OTLP body's
// encodings — a parser from lib/core.
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { validate } from "@/lib/core/errors";
import { readJsonBody, type BodySource } from "@/lib/core/ingest/read-body";
import { parseQuery } from "@/lib/core/query-string";

export type QuerySpec<Q> = z.ZodType<Q> | ((params: URLSearchParams) => Q);
export type BodySpec<B> = z.ZodType<B> | ((source: BodySource) => Promise<B>);

export function readQuery<Q>(spec: QuerySpec<Q>, params: URLSearchParams): Q {
  if (typeof spec === "function") return spec(params);
  return parseQuery(spec, params);
}

export function bodySource(req: NextRequest): BodySource {
  const h = req.headers;
  return { contentType: h.get("content-type"), contentEncoding: h.get("content-encoding"), contentLength: h.get("content-length"), body: req.body };
}

export async function readBody<B>(spec: BodySpec<B>, req: NextRequest): Promise<B> {
  const source = bodySource(req);
  if (typeof spec === "function") return spec(source);
  return validate(spec, await readJsonBody(source), { root: "body", summary: "Invalid body" });
}
