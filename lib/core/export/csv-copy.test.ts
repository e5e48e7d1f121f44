import { describe, expect, it } from "vitest";
import { csvFirstCell, CsvCopyRecords } from "./csv-copy";

/** COPY csv output of three cells a row: a plain row, a record in one quoted cell, a plain row. */
const OUTPUT = 'a,1,"{""k"": 2}"\n"""=x"",q,""a""""b""",,\nc,,\n';
const RECORDS = 'a,1,"{""k"": 2}"\r\n"=x",q,"a""b"\r\nc,,\r\n';

function cut(pieces: Buffer[], columns = 3): { text: string; rows: number[] } {
  const records = new CsvCopyRecords(columns);
  const out = pieces.map((p) => records.push(p));
  records.end();
  return { text: Buffer.concat(out.map((p) => p.bytes)).toString("utf8"), rows: out.map((p) => p.rows) };
}

describe("CsvCopyRecords", () => {
  it("ends plain rows with CRLF and takes a quoted record's cell back out", () => {
    expect(cut([Buffer.from(OUTPUT)])).toEqual({ text: RECORDS, rows: [3] });
  });

  it("gives the same records however the output is cut, at every byte", () => {
    const bytes = Buffer.from(OUTPUT);
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i; j <= bytes.length; j++) {
        const { text, rows } = cut([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)]);
        expect(text, `${i}/${j}`).toBe(RECORDS);
        expect(rows.reduce((a, b) => a + b), `${i}/${j}`).toBe(3);
      }
    }
  });

  it("keeps line breaks inside a quoted record, and multi-byte text cut anywhere", () => {
    const output = Buffer.from('"x,""a\r\nb"" ✓",,\nplain ✓,2,\n');
    const want = 'x,"a\r\nb" ✓\r\nplain ✓,2,\r\n';
    for (let i = 0; i <= output.length; i++) {
      const records = new CsvCopyRecords(3);
      const parts = [records.push(output.subarray(0, i)), records.push(output.subarray(i))];
      records.end();
      expect(Buffer.concat(parts.map((p) => p.bytes)).toString("utf8"), String(i)).toBe(want);
    }
  });

  it("refuses a quoted cell followed by other cells, and output that ends inside a row", () => {
    expect(() => new CsvCopyRecords(3).push(Buffer.from('"a,b",x,\n'))).toThrow(/unexpected cells/);
    expect(() => new CsvCopyRecords(3).push(Buffer.from('"a,b",,,\n'))).toThrow(/unexpected cells/);
    const records = new CsvCopyRecords(3);
    expect(records.push(Buffer.from("a,b")).rows).toBe(0);
    expect(() => records.end()).toThrow(/inside a row/);
  });
});

describe("csvFirstCell", () => {
  it("reads the figures line's quoted JSON", () => {
    const meta = { rows: 2, span_id: 'a\\"b, c' };
    const line = `"${JSON.stringify(meta).replaceAll('"', '""')}",,`;
    expect(JSON.parse(csvFirstCell(Buffer.from(line)))).toEqual(meta);
  });

  it("refuses a line without a quoted first cell", () => {
    expect(() => csvFirstCell(Buffer.from("{},,"))).toThrow(/not a quoted cell/);
    expect(() => csvFirstCell(Buffer.from('"{}'))).toThrow(/not a quoted cell/);
  });
});
