import "server-only";
// The one wrapper every API route goes through (STYLE habit 1 and 2): request id, one structured log
// line per request, and the single place where errors become responses. A 500 never echoes internals.
import type { NextRequest } from "next/server";
import { AppError, errorBody } from "@/lib/core/errors";
import { resolveIdentity, type Identity } from "./identity";
import { sessionUserId } from "./auth-options";

interface Ctx<P> {
  req: NextRequest;
  requestId: string;
  params: P;
  /** Set by the handler once it knows the tenant, for the log line. */
  log: { tenant?: string };
}

type Handler<P> = (ctx: Ctx<P>) => Promise<Response>;

export function errorResponse(err: unknown, requestId: string): Response {
  if (err instanceof AppError) {
    return Response.json(errorBody(err), {
      status: err.status,
      headers: { ...err.headers, "content-type": "application/problem+json", "x-request-id": requestId },
    });
  }
  console.error(JSON.stringify({ level: "error", requestId, error: String((err as Error)?.stack ?? err) }));
  const internal = new AppError(500, "internal_error", `Internal error (request ${requestId})`);
  return Response.json(errorBody(internal), {
    status: 500,
    headers: { "content-type": "application/problem+json", "x-request-id": requestId },
  });
}

export function route<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: NextRequest, context: { params?: Promise<P> } = {}): Promise<Response> => {
    const started = performance.now();
    const requestId = req.headers.get("x-request-id") ?? crypto.randomUUID();
    const log: Ctx<P>["log"] = {};
    let res: Response;
    try {
      const params = ((await context.params) ?? {}) as P;
      res = await handler({ req, requestId, params, log });
      res.headers.set("x-request-id", requestId);
    } catch (err) {
      res = errorResponse(err, requestId);
    }
    // Never a key, a body or a query value: only what identifies the request.
    console.log(
      JSON.stringify({
        method: req.method,
        path: req.nextUrl.pathname,
        status: res.status,
        duration_ms: Math.round(performance.now() - started),
        tenant: log.tenant ?? null,
        requestId,
      }),
    );
    return res;
  };
}

/** For the public /v1 API: resolves the caller's identity for the app it names. */
export async function requireIdentity(ctx: Ctx<unknown>): Promise<Identity> {
  const identity = await resolveIdentity(ctx.req);
  ctx.log.tenant = identity.tenantId;
  return identity;
}

/** For dashboard-only API routes: the signed-in user. */
export async function requireUser(): Promise<string> {
  const userId = await sessionUserId();
  if (!userId) throw new AppError(401, "unauthorized", "Sign in first");
  return userId;
}
