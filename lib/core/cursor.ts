// Keyset cursors: the sort key of the last row a page consumed. Rows are ordered by
// (timestamp, span_id, trace_id) descending, unique within an app, so a cursor is tie-safe.
// Timestamps travel as text with microseconds, because a JS Date would drop them.

export interface Cursor {
  ts: string;
  spanId: string;
  traceId: string;
  /** The walk this cursor belongs to (lib/core/export/walk-total.ts); absent in cursors of older servers. */
  walk?: CursorWalk;
}

/**
 * What the first page of a walk fixed for the pages after it: `total` as counted there, `key` a digest
 * of the filters it was counted under (a cursor sent with other filters is not trusted with it), and
 * `from`, the window's start then (when the request left it to default, later pages keep it, so the
 * window does not slide away from the rows the total counted).
 */
export interface CursorWalk {
  total: number;
  key: string;
  from: string;
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
  const walk = c.walk ? [c.walk.total, c.walk.key, c.walk.from] : [];
  return toBase64Url(JSON.stringify([c.ts, c.spanId, c.traceId, ...walk]));
}

function walkOf(v: unknown[]): CursorWalk | undefined | false {
  if (v.length === 3) return undefined;
  const [total, key, from] = v.slice(3);
  if (v.length !== 6 || typeof total !== "number" || !Number.isSafeInteger(total) || total < 0) return false;
  if (typeof key !== "string" || !/^[0-9a-f]{16}$/.test(key) || typeof from !== "string" || Number.isNaN(Date.parse(from))) return false;
  return { total, key, from };
}

export function decodeCursor(text: string): Cursor | undefined {
  try {
    const v = JSON.parse(fromBase64Url(text));
    // A NUL could never have come from a row (PostgreSQL text cannot hold one): the cursor is forged.
    if (!Array.isArray(v) || !v.slice(0, 3).every((x) => typeof x === "string" && !x.includes("\u0000"))) return undefined;
    if (v.length < 3 || Number.isNaN(Date.parse(v[0]))) return undefined;
    const walk = walkOf(v);
    if (walk === false) return undefined;
    return walk ? { ts: v[0], spanId: v[1], traceId: v[2], walk } : { ts: v[0], spanId: v[1], traceId: v[2] };
  } catch {
    return undefined;
  }
}
