import "server-only";
// The one wrapper every API route goes through. A route declares who may call it, the schemas of its
// query string and body, and whether it counts against the export rate limit; the wrapper does those
// steps in one order — auth → the session's same-origin checks → query → body → membership → rate
// limit (a route that only reads may start while the limit is checked) — and owns request ids, the one
// log line per request, and the single place where errors become responses (a 500 never echoes
// internals). Everything that can fail is done before the handler runs, so a handler that streams
// starts only once the request is known to be good.
import type { NextRequest } from "next/server";
import { requireMembership } from "@/lib/core/access";
import { AppError, errorBody } from "@/lib/core/errors";
import { acceptExportRequest, recentlyRefused } from "@/lib/core/rate-limit";
import type { Database } from "@/lib/db/client";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { env } from "@/lib/env";
import { sessionUserId } from "./auth-options";
import { database } from "./db";
import { resolveIdentity, type Identity } from "./identity";
import { readBody, readQuery, refuseNulParams, type BodySpec, type QuerySpec } from "./route-input";
import { checkCookieRequest } from "./same-origin";

/**
 * Who may call a route:
 * - `none`: anyone (health, login);
 * - `user`: a signed-in dashboard user;
 * - `member`: a signed-in dashboard user who is a member of the tenant named by `tenantId` in the
 *   validated query or body;
 * - `identity`: the public API's callers — an API key with X-App-Id, a user JWT with appId=, or the
 *   dashboard's session with appId= — for the app they name.
 */
export type Auth = "none" | "user" | "member" | "identity";

export interface RouteSpec<A extends Auth, Q, B> {
  auth: A;
  /** The query string's schema (a zod schema over its parameters, or a parser of URLSearchParams). */
  query?: QuerySpec<Q>;
  /** The body's schema (a zod schema over its JSON, or a reader of the raw body). */
  body?: BodySpec<B>;
  /** The most bytes of body this route reads (default 16 KiB for a JSON schema, the reader's own otherwise); past it, 413. */
  bodyLimit?: number;
  /** `export`: one request of the tenant's export rate limit, taken after validation, so a 400 costs no quota. */
  rateLimit?: A extends "identity" ? "export" : never;
  /**
   * The handler only reads until it returns its Response (nothing it does before then needs undoing),
   * so it may start while the rate limit is checked: the check's round trip is then not waited for
   * before the first read. A refused request still gets its 429, and the handler's Response is
   * cancelled unsent.
   */
  readsBeforeLimit?: A extends "identity" ? boolean : never;
  /**
   * How this route writes an error, when JSON does not suit the caller (an OTLP protobuf exporter
   * expects a protobuf body or none). Return undefined to fall back to the JSON problem body.
   */
  errorResponse?: (err: AppError, req: NextRequest) => Response | undefined;
}

type AuthCtx<A extends Auth> = A extends "identity"
  ? { identity: Identity }
  : A extends "member"
    ? { userId: string; tenantId: string }
    : A extends "user"
      ? { userId: string }
      : object;

export type RouteCtx<A extends Auth, Q, B> = AuthCtx<A> & {
  req: NextRequest;
  requestId: string;
  /** The route's dynamic segments (`[id]` → params.id). */
  params: Record<string, string>;
  db: Database;
  query: Q;
  body: B;
};

type Handler<A extends Auth, Q, B> = (ctx: RouteCtx<A, Q, B>) => Promise<Response>;

/** Seconds a client should wait before retrying while the database is away. */
const UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * Any error as the vocabulary routes answer in: an AppError as it is; a lost database as a 503 worth
 * retrying, not a 500; anything else logged and turned into a 500 that echoes nothing.
 */
function asAppError(err: unknown, requestId: string): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) {
    console.error(JSON.stringify({ level: "warn", requestId, msg: "database unavailable", error: String((err as Error)?.message ?? err) }));
    return new AppError(503, "database_unavailable", "The database is unavailable; retry shortly", [], {
      "Retry-After": String(UNAVAILABLE_RETRY_SECONDS),
    });
  }
  console.error(JSON.stringify({ level: "error", requestId, error: String((err as Error)?.stack ?? err) }));
  return new AppError(500, "internal_error", `Internal error (request ${requestId})`);
}

export function errorResponse(err: unknown, requestId: string): Response {
  const appError = asAppError(err, requestId);
  return Response.json(errorBody(appError), {
    status: appError.status,
    headers: { ...appError.headers, "content-type": "application/problem+json", "x-request-id": requestId },
  });
}

async function signedInUser(): Promise<string> {
  const userId = await sessionUserId();
  if (!userId) throw new AppError(401, "unauthorized", "Sign in first");
  return userId;
}

/**
 * Who is calling, as the route's `auth` mode asks: the handler's auth context (`identity` or `userId`;
 * a member's `tenantId` comes later, from the validated input). Runs before any input is read.
 */
async function authenticate(mode: Auth, req: NextRequest, db: Database): Promise<{ auth: Record<string, unknown>; identity?: Identity }> {
  if (mode === "identity") {
    const identity = await resolveIdentity(req, db);
    return { auth: { identity }, identity };
  }
  if (mode === "user" || mode === "member") return { auth: { userId: await signedInUser() } };
  return { auth: {} };
}

/** The `tenantId` a member route names in its validated input. */
function namedTenant(input: unknown): string {
  const tenantId = (input as { tenantId?: unknown } | undefined)?.tenantId;
  // A route declared `member` without a tenantId in its schema is a programming error, not bad input.
  if (typeof tenantId !== "string") throw new Error("auth: \"member\" needs a tenantId in the route's query or body schema");
  return tenantId;
}

/** The format an export request asks for, for the rate limit's audit row. */
function formatOf(input: unknown): string {
  const format = (input as { format?: unknown } | undefined)?.format;
  return typeof format === "string" ? format : "unknown";
}

/**
 * The handler's Response once the rate limit has accepted the request; the limit's error if it refused
 * (or failed), whatever the handler did, with the handler's Response cancelled so its reads stop.
 */
async function alongsideLimit(handling: Promise<Response>, limit: Promise<void>): Promise<Response> {
  const [limited, handled] = await Promise.allSettled([limit, handling]);
  if (limited.status === "rejected") {
    if (handled.status === "fulfilled") await handled.value.body?.cancel().catch(() => {});
    throw limited.reason;
  }
  if (handled.status === "rejected") throw handled.reason;
  return handled.value;
}

export function route<A extends Auth, Q = undefined, B = undefined>(spec: RouteSpec<A, Q, B>, handler: Handler<A, Q, B>) {
  return async (req: NextRequest, context: { params?: Promise<Record<string, string>> } = {}): Promise<Response> => {
    const started = performance.now();
    const requestId = req.headers.get("x-request-id") ?? crypto.randomUUID();
    let tenant: string | undefined;
    let res: Response;
    try {
      const params = refuseNulParams((await context.params) ?? {});
      const db = await database();
      const { auth, identity } = await authenticate(spec.auth, req, db);
      tenant = identity?.tenantId;
      const byCookie = identity ? identity.via === "session" : spec.auth === "user" || spec.auth === "member";
      if (byCookie) checkCookieRequest(req, spec.body !== undefined);
      const query = (spec.query ? readQuery(spec.query, req.nextUrl.searchParams) : undefined) as Q;
      const body = (spec.body ? await readBody(spec.body, req, spec.bodyLimit) : undefined) as B;
      if (spec.auth === "member") {
        const tenantId = namedTenant(body ?? query);
        await requireMembership(db, auth.userId as string, tenantId);
        auth.tenantId = tenant = tenantId;
      }
      let limit: Promise<void> | undefined;
      if (spec.rateLimit === "export" && identity) {
        limit = acceptExportRequest(
          db,
          { ...identity, format: formatOf(body ?? query), query: req.nextUrl.search.replace(/^\?/, "") },
          env().FLYWHEEL_EXPORT_RATE_LIMIT,
        );
        // A tenant this process refused lately is checked before any read (rate-limit.ts).
        if (!spec.readsBeforeLimit || recentlyRefused(identity.tenantId)) {
          await limit;
          limit = undefined;
        }
      }
      const ctx = { ...auth, req, requestId, params, db, query, body } as RouteCtx<A, Q, B>;
      res = limit ? await alongsideLimit(handler(ctx), limit) : await handler(ctx);
      res.headers.set("x-request-id", requestId);
    } catch (err) {
      // Every failure, a 503 or a 500 included, is written the route's way: a protobuf client reads no JSON.
      const appError = asAppError(err, requestId);
      const own = spec.errorResponse?.(appError, req);
      if (own) own.headers.set("x-request-id", requestId);
      res = own ?? errorResponse(appError, requestId);
    }
    // Never a key, a body or a query value: only what identifies the request.
    console.log(
      JSON.stringify({
        method: req.method,
        path: req.nextUrl.pathname,
        status: res.status,
        duration_ms: Math.round(performance.now() - started),
        tenant: tenant ?? null,
        requestId,
      }),
    );
    return res;
  };
}
