import { describe, expect, it } from "vitest";
import { CopyLines, unescapeCopyText } from "./copy-lines";

/** A line as COPY's text format writes it: backslashes doubled, control characters escaped. */
const copyEscaped = (line: string) =>
  line.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t").replace(/\r/g, "\\r");

const LINES = [
  '{"a":"plain"}',
  '{"b":"quote \\" and backslash \\\\ and newline \\n"}',
  '{"c":"ünïcödé ✓ 🎉"}',
  "raw\ttab\nnewline\rcr", // never in JSON, but COPY's escapes for them are undone too
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

describe("COPY output as lines", () => {
  const stream = Buffer.from(LINES.map((l) => copyEscaped(l) + "\n").join(""), "utf8");

  it("undoes COPY's escapes and refuses a NULL", () => {
    expect(unescapeCopyText(Buffer.from("a\\\\b\\nc\\td")).toString()).toBe("a\\b\nc\td");
    const plain = Buffer.from("no escapes");
    expect(unescapeCopyText(plain)).toBe(plain); // no copy when there is nothing to undo
    expect(() => unescapeCopyText(Buffer.from("\\N"))).toThrow(/unexpected escape/);
  });

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

  it("says so when the output stops inside a row", () => {
    const lines = new CopyLines(10);
    lines.push(stream.subarray(0, stream.length - 3));
    expect(() => lines.end()).toThrow(/inside a row/);
  });
});
