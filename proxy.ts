// Next's proxy (formerly middleware), for pages only: a fresh nonce per request in the page's
// Content-Security-Policy (lib/server/security-headers.ts). Next reads the nonce from the request's
// CSP header and puts it on every script it renders. API routes and static files do not pass through
// here (their headers come from next.config.ts), so the ingest and export paths pay nothing for it.
import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "@/lib/server/security-headers";

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [
    // Every path but the API (/api, /v1) and Next's static files.
    { source: "/((?!api/|v1/|_next/static/|_next/image|favicon.ico).*)" },
  ],
};
