// Flag → query parameter mapping, checked locally with the shared filter schema.
import { describe, expect, it } from "vitest";
import { CliError } from "./cli-error";
import { buildExportQuery } from "./export-query";
import { resolveTime } from "./relative-time";

const now = new Date("2026-11-20T12:00:00.000Z");

describe("buildExportQuery", () => {
  it("maps every flag onto its query parameter", () => {
    const { params } = buildExportQuery(
      {
        format: "CSV",
        limit: "20",
        since: "7d",
        until: "2026-11-19",
        score: ["correctness>=0.8", "helpfulness>3"],
        minScore: "0.1",
        maxScore: "0.9",
        type: "generation",
        model: "gpt-4o",
        status: "error",
        name: "chat",
        userId: "u1",
        tag: "prod",
        metadata: "env=a=b",
        lightweight: true,
      },
      { now },
    );
    expect(Object.fromEntries([...params.keys()].map((k) => [k, params.getAll(k)]))).toEqual({
      format: ["csv"],
      limit: ["20"],
      startDate: ["2026-11-13T12:00:00.000Z"],
      endDate: ["2026-11-19"],
      score: ["correctness>=0.8", "helpfulness>3"],
      minScore: ["0.1"],
      maxScore: ["0.9"],
      type: ["GENERATION"],
      model: ["gpt-4o"],
      status: ["STATUS_CODE_ERROR"],
      name: ["chat"],
      userId: ["u1"],
      tag: ["prod"],
      metadata_key: ["env"],
      metadata_value: ["a=b"],
      lightweight: ["true"],
    });
  });

  it("adds appId only for JWT callers and leaves unset flags out", () => {
    expect(buildExportQuery({}, { now }).params.toString()).toBe("");
    expect(buildExportQuery({}, { now, appId: "app_x" }).params.toString()).toBe("appId=app_x");
  });

  it("names the flag, not the parameter, in every problem", () => {
    try {
      buildExportQuery({ since: "soon", limit: "0", userId: "u" }, { now });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CliError);
      expect((err as CliError).exitCode).toBe(2);
      expect((err as Error).message).toMatch(/--since must be an ISO 8601/);
      expect((err as Error).message).toMatch(/--limit must be at least 1/);
      expect((err as Error).message).not.toMatch(/startDate|userId/);
    }
    // Reasons that mention another parameter speak in flags too.
    expect(() => buildExportQuery({ minScore: "0.9", maxScore: "0.1" }, { now })).toThrow(/^Invalid flags: --min-score must not be greater than --max-score$/);
    expect(() => buildExportQuery({ since: "1d", until: "3d" }, { now })).toThrow(/^Invalid flags: --since must not be after --until$/);
  });
});

describe("resolveTime", () => {
  it.each([
    ["30m", "2026-11-20T11:30:00.000Z"],
    ["24h", "2026-11-19T12:00:00.000Z"],
    ["7d", "2026-11-13T12:00:00.000Z"],
    ["2w", "2026-11-06T12:00:00.000Z"],
    ["45s", "2026-11-20T11:59:15.000Z"],
    ["now", "2026-11-20T12:00:00.000Z"],
    ["2026-11-01", "2026-11-01"],
    ["2026-11-01T08:00:00+02:00", "2026-11-01T08:00:00+02:00"],
  ])("%s → %s", (text, iso) => expect(resolveTime(text, now)).toBe(iso));
});
