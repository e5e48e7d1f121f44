import { describe, expect, it } from "vitest";
import { Prisma } from "@prisma/client";
import { parseExportQuery } from "../filters";
import { windowParts } from "./page-keys";
import { escapeLike, filteredSpans } from "./where-sql";

const q = (qs: string) => parseExportQuery(new URLSearchParams(qs));

describe("filter SQL", () => {
  it("escapes LIKE wildcards and the escape character", () => {
    expect(escapeLike("50%_off\\now")).toBe("50\\%\\_off\\\\now");
  });

  it("binds every value as a parameter, never as SQL text", () => {
    const evil = "x'); DROP TABLE span; --";
    const params = new URLSearchParams({ name: evil, model: evil, userId: evil, tag: evil, metadata_key: evil, metadata_value: evil });
    params.append("score", `${evil.replace(/[^A-Za-z0-9 ]/g, "")}>=1`);
    const sql = filteredSpans("app' OR '1'='1", q(params.toString()), new Date());
    expect(sql.sql).not.toContain("DROP");
    expect(sql.sql).not.toContain("OR '1'='1");
    expect(sql.values).toContain("app' OR '1'='1");
    expect(sql.values).toContain(evil);
    expect(sql.values).toContain(`%${escapeLike(evil)}%`);
    expect(sql.values).toContain(JSON.stringify({ [evil]: evil }));
  });

  it("scopes by app first and reads scores only when a score condition needs them", () => {
    const plain = filteredSpans("a1", q(""), new Date());
    expect(plain.text).toMatch(/WHERE s\.app_id = \$1 /);
    expect(plain.text).not.toContain("score");
    for (const qs of ["score=q%3E1", "minScore=1", "maxScore=1"]) {
      const sql = filteredSpans("a1", q(qs), new Date());
      // The row's denormalised scores, with the exact lookup in `score` (a database function that
      // reads score_app_trace_idx by app_id and trace_id) for rows whose scores have expired.
      expect(sql.text).toContain("s.scores");
      expect(sql.text).toContain("flywheel_exact_scores(s.app_id, s.trace_id, s.span_id,");
    }
    expect(filteredSpans("a1", q("score=q%3E1"), new Date()).values).toContain("q");
  });

  it("compares with the exact bound when it has microseconds", () => {
    const query = q("startDate=2026-11-01T00:00:00.000001&endDate=2026-11-02T00:00:00.999999Z");
    const sql = filteredSpans("a1", query, new Date());
    expect(sql.values).toContain("2026-11-01T00:00:00.000001Z");
    expect(sql.values).toContain("2026-11-02T00:00:00.999999Z");
  });
});

describe("count window parts", () => {
  it("splits the window into disjoint pieces that cover it", () => {
    const query = q("startDate=2026-01-01T00:00:00Z&endDate=2026-01-01T00:00:10Z");
    expect(windowParts(query, 1)).toEqual([Prisma.empty]);
    const [first, second] = windowParts(query, 2);
    expect(first.text.trim()).toBe("AND s.timestamp < $1::timestamptz");
    expect(second.text.trim()).toBe("AND s.timestamp >= $1::timestamptz");
    expect(first.values).toEqual([new Date("2026-01-01T00:00:05Z")]);
    expect(second.values).toEqual(first.values);
    const three = windowParts(query, 3);
    expect(three.map((p) => p.text.trim())).toEqual([
      "AND s.timestamp < $1::timestamptz",
      "AND s.timestamp >= $1::timestamptz AND s.timestamp < $2::timestamptz",
      "AND s.timestamp >= $1::timestamptz",
    ]);
    expect(three[1].values).toEqual([three[0].values[0], three[2].values[0]]);
  });
});
