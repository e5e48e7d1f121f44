import { describe, expect, it } from "vitest";
import { binaryCopy } from "./copy-output.fixture";
import { CopyLines } from "./copy-lines";

const LINES = [
  '{"a":"plain"}',
  '{"b":"quote \\" and backslash \\\\ and newline \\n"}',
  '{"c":"ünïcödé ✓ 🎉"}',
  "raw\ttab\nnewline\rcr", // never in JSON, but the binary format has nothing to escape or undo
  "",
  '{"e":""}',
];

function feed(lines: CopyLines, stream: Buffer, cuts: number[]): { out: Buffer; rows: number; last?: string } {
  const parts: Buffer[] = [];
  let rows = 0;
  let last: string | undefined;
  let from = 0;
  for (const to of [...cuts, stream.length]) {
    const piece = lines.push(stream.subarray(from, to));
    from = to;
    parts.push(piece.bytes);
    rows += piece.rows;
    if (piece.lastLine) last = piece.lastLine.toString("utf8");
  }
  return { out: Buffer.concat(parts), rows, last };
}

describe("binary COPY output as lines", () => {
  const stream = binaryCopy(LINES);

  it("gives the same lines wherever the stream is cut, keeping at most the limit", () => {
    for (const limit of [1, 3, LINES.length, LINES.length + 4]) {
      const kept = LINES.slice(0, limit);
      for (let a = 0; a <= stream.length; a++) {
        for (const b of [a, Math.min(stream.length, a + 7), stream.length]) {
          const lines = new CopyLines(limit);
          const { out, rows, last } = feed(lines, stream, [a, b]);
          expect(out.toString("utf8")).toBe(kept.map((l) => l + "\n").join(""));
          expect(rows).toBe(kept.length);
          expect(last).toBe(kept.at(-1));
          expect(lines.more).toBe(limit < LINES.length);
          expect(() => lines.end()).not.toThrow();
        }
      }
    }
  });

  it("says so when the output stops inside a row or before its end marker", () => {
    for (const cut of [3, 2]) {
      const lines = new CopyLines(10);
      lines.push(stream.subarray(0, stream.length - cut));
      expect(() => lines.end()).toThrow(/inside a row/);
    }
  });

  it("refuses output that is not one text column, or not binary COPY at all", () => {
    expect(() => new CopyLines(5).push(binaryCopy(["a"], { nullRow: true }))).toThrow(/unexpected COPY row/);
    expect(() => new CopyLines(5).push(Buffer.from("a text-format row of COPY\n"))).toThrow(/not binary COPY/);
  });

});
