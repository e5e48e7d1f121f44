import { describe, expect, it } from "vitest";
import { parseExportQuery } from "../filters";
import { csvPageCopySql } from "./csv-sql";

describe("csvPageCopySql", () => {
  it("writes the limit only as inline-sql's typed literal, never spliced into the SQL text", () => {
    const q = parseExportQuery(new URLSearchParams("format=csv&limit=1987"));
    const sql = csvPageCopySql("app_limit", q, new Date("2026-01-01T00:00:00Z"));
    const uses = [...sql.matchAll(/.?198[678].?/g)].map((m) => m[0]);
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use).toMatch(/^\(198[678]\)$/);
    expect(uses).toContain("(1986)"); // the page's last row and the one after it: OFFSET limit - 1
  });
});
