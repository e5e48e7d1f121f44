// A statement with its values written in as SQL literals, for COPY, which takes no bind parameters.
// Only the export's own statements go through here, and every value is one of a few known types;
// anything else is refused rather than guessed at.
import type { Prisma } from "@prisma/client";

/** A string as an E'' literal: backslashes and quotes doubled, read the same whatever standard_conforming_strings says. */
export function stringLiteral(text: string): string {
  if (text.includes("\0")) throw new Error("a SQL string cannot hold a NUL character");
  return `E'${text.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

function literal(value: unknown): string {
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as a SQL literal`);
    return `(${String(value)})`; // parenthesised, so "-3" followed by "::float8" stays -3 cast
  }
  if (typeof value === "bigint") return `(${value.toString()})`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return stringLiteral(value.toISOString());
  if (value === null) return "NULL";
  throw new Error(`cannot write a ${typeof value} as a SQL literal`);
}

/** The statement's text with each bind parameter replaced by its value as a literal. */
export function inlineSql(sql: Prisma.Sql): string {
  let text = sql.strings[0];
  for (let i = 0; i < sql.values.length; i++) text += literal(sql.values[i]) + sql.strings[i + 1];
  return text;
}
