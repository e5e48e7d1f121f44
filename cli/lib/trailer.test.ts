// The trailer hold-back, chunk boundary by chunk boundary: whatever way the body is cut into chunks,
// the data written is every line but the trailer, and the trailer is found.
import { describe, expect, it } from "vitest";
import { parseTrailer } from "../../lib/core/export/trailer";
import { TrailerSplitter } from "./trailer";

const body = '{"span_id":"a","text":"x\\ny"}\n{"span_id":"b"}\n{"_export_meta":{"total":9,"exported":2,"skipped":0,"skip_reasons":{},"next_cursor":"c1"}}\n';

function split(chunks: string[]) {
  const s = new TrailerSplitter();
  const out: Buffer[] = [];
  for (const c of chunks) out.push(s.push(Buffer.from(c)));
  const end = s.finish();
  out.push(end.rest);
  return { data: Buffer.concat(out).toString(), meta: end.meta };
}

describe("TrailerSplitter", () => {
  it("finds the trailer at every chunk boundary, including inside a multi-byte character", () => {
    const withUtf8 = body.replace('"b"', '"b – ü"');
    const bytes = Buffer.from(withUtf8);
    for (let i = 0; i <= bytes.length; i++) {
      const s = new TrailerSplitter();
      const data = Buffer.concat([s.push(bytes.subarray(0, i)), s.push(bytes.subarray(i))]);
      const end = s.finish();
      expect(Buffer.concat([data, end.rest]).toString()).toBe(withUtf8.slice(0, withUtf8.indexOf('{"_export_meta"')));
      expect(end.meta?.next_cursor).toBe("c1");
    }
  });

  it("byte by byte too: a line is released once the line after it is complete", () => {
    const s = new TrailerSplitter();
    let written = "";
    const cut = body.length - 1; // everything but the trailer's final newline
    for (const ch of body.slice(0, cut)) written += s.push(Buffer.from(ch)).toString();
    // The trailer is still incomplete, so row b (possibly the last line) is still held back.
    expect(written).toBe('{"span_id":"a","text":"x\\ny"}\n');
    written += s.push(Buffer.from("\n")).toString();
    expect(written).toBe('{"span_id":"a","text":"x\\ny"}\n{"span_id":"b"}\n');
    const end = s.finish();
    expect(end.rest.toString()).toBe("");
    expect(end.meta).toMatchObject({ total: 9, exported: 2 });
  });

  it("reports no trailer when the body was cut off, and keeps the data", () => {
    const r = split(['{"span_id":"a"}\n{"span_id":"b"}\n{"span_']);
    expect(r.meta).toBeUndefined();
    expect(r.data).toBe('{"span_id":"a"}\n{"span_id":"b"}\n{"span_');
    expect(split([""]).meta).toBeUndefined();
  });

  it("a data row that merely mentions _export_meta is not a trailer", () => {
    expect(parseTrailer('{"span_id":"a","_export_meta":{}}')).toBeUndefined();
    expect(parseTrailer('"_export_meta"')).toBeUndefined();
    expect(parseTrailer('{"_export_meta":{"error":"boom","total":null}}')).toMatchObject({ error: "boom", total: null });
  });
});
