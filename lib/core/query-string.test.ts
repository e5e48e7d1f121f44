// The one query-string parser: repeated, unknown, prototype-named and NUL-carrying parameters are each
// refused by name, all at once.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./errors";
import { parseExportQuery } from "./filters";
import { parseQuery } from "./query-string";

function problems(run: () => unknown): { name: string; reason: string }[] {
  try {
    run();
  } catch (err) {
    if (err instanceof AppError) return err.invalidParams;
    throw err;
  }
  throw new Error("no error");
}

const schema = z.strictObject({ tenantId: z.string() });

describe("parseQuery", () => {
  it("refuses prototype keys as unknown parameters", () => {
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(problems(() => parseQuery(schema, new URLSearchParams(`tenantId=x&${key}=1`)))).toEqual([{ name: key, reason: "is not a known parameter" }]);
      expect(problems(() => parseExportQuery(new URLSearchParams(`${key}=1`))).map((p) => p.name)).toEqual([key]);
    }
  });

  it("refuses a repeated parameter and a NUL in a name or a value, naming each", () => {
    expect(problems(() => parseQuery(schema, new URLSearchParams("tenantId=x&tenantId=y")))).toEqual([{ name: "tenantId", reason: "must be given at most once" }]);
    expect(problems(() => parseQuery(schema, new URLSearchParams("tenantId=a%00b"))).map((p) => p.name)).toEqual(["tenantId"]);
    expect(problems(() => parseExportQuery(new URLSearchParams("name=a%00b&model=m%00&tag=ok"))).map((p) => p.name)).toEqual(["name", "model"]);
  });

  it("takes the parameters it knows", () => {
    expect(parseQuery(schema, new URLSearchParams("tenantId=x"))).toEqual({ tenantId: "x" });
  });
});

describe("calendar dates and finite numbers", () => {
  it("refuses days a month does not have, hour 24 and overflowing numbers", () => {
    for (const bad of ["startDate=2026-02-30T00:00:00Z", "startDate=2026-02-29", "endDate=2026-04-31", "startDate=2026-01-01T24:00:00Z", "minScore=1e999", "maxScore=-1e400"]) {
      expect(problems(() => parseExportQuery(new URLSearchParams(bad))).map((p) => p.name)).toEqual([bad.split("=")[0]]);
    }
  });

  it("takes real dates, leap days included", () => {
    const q = parseExportQuery(new URLSearchParams("startDate=2028-02-29&endDate=2028-03-01T23:59:59.123456Z&minScore=1e3"));
    expect(q.startDate.toISOString()).toBe("2028-02-29T00:00:00.000Z");
    expect(q.endDateExact).toBe("2028-03-01T23:59:59.123456Z");
    expect(q.minScore).toBe(1000);
  });
});
