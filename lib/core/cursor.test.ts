// Cursors round-trip exactly, with or without the walk they carry (export/walk-total.ts), and anything
// else — a walk with a field missing or out of range — is not a cursor this server issued.
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, type Cursor } from "./cursor";

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const at = { ts: "2026-11-10T08:00:00.500001Z", spanId: "s1", traceId: "t1" };
const walk = { total: 1234, key: "0123456789abcdef", from: "2026-10-11T08:00:00.000Z" };

describe("cursor", () => {
  it("round-trips a position alone and a position with its walk", () => {
    for (const c of [at, { ...at, walk }] as Cursor[]) expect(decodeCursor(encodeCursor(c))).toEqual(c);
    // A three-field cursor (as older servers issued) is still read, without a walk.
    expect(decodeCursor(b64([at.ts, at.spanId, at.traceId]))).toEqual(at);
  });

  it.each([
    ["a negative total", [-1, walk.key, walk.from]],
    ["a fractional total", [1.5, walk.key, walk.from]],
    ["a total as text", ["12", walk.key, walk.from]],
    ["a key that is not 16 hex digits", [1, "XYZ", walk.from]],
    ["a start that is not a date", [1, walk.key, "yesterday"]],
    ["a walk with a field missing", [1, walk.key]],
  ])("rejects %s", (_, extra) => {
    expect(decodeCursor(b64([at.ts, at.spanId, at.traceId, ...extra]))).toBeUndefined();
  });
});
