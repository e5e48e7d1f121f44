import "server-only";
// Requests carried by the dashboard's session cookie must come from the dashboard itself. A browser
// attaches the cookie to requests other sites make too (SameSite=Lax lets another port or subdomain
// of the same site through, and top-level navigations from anywhere), so for those requests:
// - a cross-site one (Sec-Fetch-Site: cross-site) is refused outright, before it can count against a
//   limit or read anything;
// - an unsafe method needs this deployment's own Origin (or Sec-Fetch-Site: same-origin when a
//   browser sends no Origin);
// - a JSON body needs Content-Type: application/json, which a page on another origin cannot send
//   without a CORS preflight that this server never grants.
// API keys and bearer JWTs are not sent by browsers on their own, so none of this applies to them.
import type { NextRequest } from "next/server";
import { AppError, forbidden } from "@/lib/core/errors";
import { env } from "@/lib/env";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origins this deployment answers on: NEXTAUTH_URL's, and the one the request was addressed to. */
function ownOrigins(req: NextRequest): string[] {
  const origins: string[] = [];
  const configured = env().NEXTAUTH_URL;
  if (configured) origins.push(new URL(configured).origin);
  const host = req.headers.get("host");
  if (host) origins.push(`${req.nextUrl.protocol}//${host}`);
  return origins;
}

export function isJsonContentType(contentType: string | null): boolean {
  const type = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[\w.+-]*\+json$/.test(type);
}

export function checkCookieRequest(req: NextRequest, readsJsonBody: boolean): void {
  const site = req.headers.get("sec-fetch-site");
  if (site === "cross-site") throw forbidden("Cross-site requests cannot use the dashboard's session; use an API key or a token");
  if (!SAFE_METHODS.has(req.method)) {
    const origin = req.headers.get("origin");
    const sameOrigin = origin ? ownOrigins(req).includes(origin) : site === "same-origin";
    if (!sameOrigin) throw forbidden("This request must come from the dashboard's own origin");
  }
  if (readsJsonBody && !isJsonContentType(req.headers.get("content-type"))) {
    throw new AppError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json");
  }
}
