// The security headers of every response (SPEC §8 "Pages", docs/security.md "Headers"), defined once.
// next.config.ts sends the static ones on every path; proxy.ts sends the pages' Content-Security-Policy,
// which carries a fresh nonce per request. No "server-only" here: next.config.ts loads this module
// outside Next's bundler, where that import throws.

/** On every response, pages and API alike. */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  // Nobody frames the dashboard (clickjacking of the API keys page); CSP frame-ancestors says it too.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Other sites see our origin at most, never a path or a query string (filters, app ids).
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // A window we open (or that opens us) cannot reach into ours.
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * The policy of API responses (JSON, NDJSON, CSV): they never run as a document, so nothing may load.
 * Cheap insurance should a browser ever render one.
 */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The policy of pages. Scripts: only those carrying this response's nonce, and what they load
 * ('strict-dynamic'); Next puts the nonce on its own scripts when it finds it in the request's CSP
 * header (proxy.ts), so no 'unsafe-inline' for scripts. Styles: 'unsafe-inline', because React
 * renders style attributes (a nonce cannot cover attributes, and a nonce in style-src would switch
 * 'unsafe-inline' off); injected CSS cannot run code. `dev`: `next dev` needs eval for React's
 * debugging and a websocket for hot reload.
 */
export function pageContentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
