import { describe, expect, it } from "vitest";
import { errorTrailerLine, metaFromHeaders, parseTrailer, trailerLine } from "./trailer";

describe("export figures, written and read", () => {
  it("reads back the trailer and the failure line as written", () => {
    const summary = { total: 9, exported: 2, skipped: 1, skip_reasons: { not_a_generation: 1 }, next_cursor: "abc" };
    expect(parseTrailer(trailerLine(summary).trimEnd())).toEqual(summary);
    const failed = parseTrailer(errorTrailerLine("boom", { total: null, exported: 0, skipped: 0, skip_reasons: {}, next_cursor: null }).trimEnd());
    expect(failed).toMatchObject({ error: "boom", total: null, next_cursor: null });
  });

  it("takes only a line that is the trailer alone", () => {
    expect(parseTrailer('{"span_id":"a"}')).toBeUndefined();
    expect(parseTrailer('{"_export_meta":{"total":"many"}}')).toBeUndefined();
    expect(parseTrailer("not json")).toBeUndefined();
  });

  it("reads a csv page's figures from its headers; a missing or malformed one is left out", () => {
    const headers = new Headers({ "x-export-total": "12", "x-export-exported": " 5 ", "x-export-skipped": "x", "x-export-next-cursor": "cur" });
    expect(metaFromHeaders(headers)).toEqual({ total: 12, exported: 5, skipped: undefined, skip_reasons: {}, next_cursor: "cur" });
    expect(metaFromHeaders(new Headers()).next_cursor).toBeNull();
    expect(metaFromHeaders(new Headers({ "x-export-next-cursor": "null" })).next_cursor).toBeNull();
  });
});
