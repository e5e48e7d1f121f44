// Keyset cursors: the sort key of the last row a page consumed. Rows are ordered by
// (timestamp, span_id, trace_id) descending, unique within an app, so a cursor is tie-safe.
// Timestamps travel as text with microseconds, because a JS Date would drop them.

export interface Cursor {
  ts: string;
  spanId: string;
  traceId: string;
}

// base64url by hand (btoa/atob), so this module also runs in the browser, where Buffer does not exist.
function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
}

export function encodeCursor(c: Cursor): string {
  return toBase64Url(JSON.stringify([c.ts, c.spanId, c.traceId]));
}

export function decodeCursor(text: string): Cursor | undefined {
  try {
    const v = JSON.parse(fromBase64Url(text));
    // A NUL could never have come from a row (PostgreSQL text cannot hold one): the cursor is forged.
    if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === "string" && !x.includes("\u0000"))) return undefined;
    if (Number.isNaN(Date.parse(v[0]))) return undefined;
    return { ts: v[0], spanId: v[1], traceId: v[2] };
  } catch {
    return undefined;
  }
}
