import { describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { inlineSql, stringLiteral } from "./inline-sql";

describe("inlineSql", () => {
  it("writes each value as a literal in its place", () => {
    const at = new Date("2026-11-01T12:00:00.000Z");
    const sql = Prisma.sql`SELECT ${"it's"}, ${-3}::float8, ${10n}, ${true}, ${at}::timestamptz, ${null}`;
    expect(inlineSql(sql)).toBe(`SELECT E'it''s', (-3)::float8, (10), TRUE, E'2026-11-01T12:00:00.000Z'::timestamptz, NULL`);
  });

  it("doubles backslashes and quotes in an E'' string, and refuses what it cannot write", () => {
    expect(stringLiteral(String.raw`a\'b`)).toBe(String.raw`E'a\\''b'`);
    expect(() => stringLiteral("a\0b")).toThrow(/NUL/);
    expect(() => inlineSql(Prisma.sql`SELECT ${Number.NaN}`)).toThrow(/NaN/);
    expect(() => inlineSql(Prisma.sql`SELECT ${{ a: 1 } as never}`)).toThrow(/object/);
  });
});
