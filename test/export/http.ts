// Calling the export route the way clients do, and parsing what comes back. Every response is parsed;
// nothing is taken on trust from a status code alone.
import { SignJWT } from "jose";
import { expect } from "vitest";
import { baseUrl, type Tenancy } from "../fixtures";
import { TEST_SECRET } from "../harness";
import type { ExportRow, ExportSummary } from "../../lib/core/export";

export type Params = Record<string, string | number | boolean | (string | number)[] | undefined>;
export type Auth = "key" | "jwt" | "session";

export function query(params: Params | URLSearchParams = {}): URLSearchParams {
  if (params instanceof URLSearchParams) return params;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, String(x)));
    else q.set(k, String(v));
  }
  return q;
}

/** A user access token as lib/server/tokens.ts signs it (`sv`: the session version, 0 for a new user). */
export async function jwtFor(userId: string, ttlSeconds = 3600, sessionVersion = 0): Promise<string> {
  return new SignJWT({ sv: sessionVersion })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer("flywheel")
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(TEST_SECRET));
}

export interface CallOptions {
  auth?: Auth;
  base?: string;
  /** Session cookie, for auth "session". */
  cookie?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** GET /v1/traces/export as tenant `t`: API key + X-App-Id, or JWT / session + appId=. */
export async function callExport(t: Tenancy, params: Params | URLSearchParams = {}, opts: CallOptions = {}): Promise<Response> {
  const q = new URLSearchParams(query(params));
  const headers: Record<string, string> = { ...opts.headers };
  const auth = opts.auth ?? "key";
  if (auth === "key") {
    headers.authorization = `Bearer ${t.apiKey}`;
    headers["x-app-id"] ??= t.appId;
  } else {
    if (!q.has("appId")) q.set("appId", t.appId);
    if (auth === "jwt") headers.authorization = `Bearer ${await jwtFor(t.userId)}`;
    else headers.cookie = opts.cookie!;
  }
  return fetch(`${opts.base ?? baseUrl()}/v1/traces/export?${q}`, { headers, signal: opts.signal });
}

export interface Ndjson {
  lines: Record<string, unknown>[];
  meta: ExportSummary & { error?: string };
}

/** Parses an NDJSON body: every line JSON, the last one `_export_meta` and no other. */
export function parseNdjson(text: string): Ndjson {
  expect(text.endsWith("\n")).toBe(true);
  const all = text.slice(0, -1).split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
  const last = all.pop()!;
  expect(Object.keys(last)).toEqual(["_export_meta"]);
  for (const l of all) expect(l).not.toHaveProperty("_export_meta");
  return { lines: all, meta: last._export_meta as Ndjson["meta"] };
}

/** A successful jsonl/openai export, parsed. */
export async function exportNdjson(t: Tenancy, params: Params = {}, opts: CallOptions = {}): Promise<Ndjson & { res: Response }> {
  const res = await callExport(t, params, opts);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
  return { ...parseNdjson(text), res };
}

/** A successful jsonl export's rows. */
export async function exportRows(t: Tenancy, params: Params = {}, opts: CallOptions = {}) {
  const r = await exportNdjson(t, { ...params, format: "jsonl" }, opts);
  return { rows: r.lines as unknown as ExportRow[], meta: r.meta };
}

/** Follows next_cursor until it is null; returns every row in order and the number of pages. */
export async function walk(t: Tenancy, params: Params, onPage?: (page: number, last: ExportRow) => Promise<void>) {
  const rows: ExportRow[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const { rows: page, meta } = await exportRows(t, { ...params, cursor });
    pages++;
    rows.push(...page);
    expect(meta.exported).toBe(page.length);
    if (meta.next_cursor === null) break;
    expect(page.length).toBe(Number(params.limit ?? 500));
    cursor = meta.next_cursor;
    await onPage?.(pages, page[page.length - 1]);
  }
  return { rows, pages };
}

/** The error body of a failed request, checked for the shared problem+json shape. */
export async function errorOf(res: Response) {
  expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
  const body = (await res.json()) as { error: { code: string; status: number; detail: string; invalid_params?: { name: string; reason: string }[] } };
  expect(body.error.status).toBe(res.status);
  return body.error;
}
