import { describe, expect, it } from "vitest";
import { encodeCursor } from "@/lib/core/cursor";
import { activeFilters, buildTraceUrl, filterQueryString, readTraceUrl } from "./trace-url-state";

const cursor = (n: number) => encodeCursor({ ts: `2026-11-0${n}T00:00:00.000000Z`, spanId: `s${n}`, traceId: `t${n}` });

describe("the Traces page URL", () => {
  it("reads filters as written and round-trips them with paging and the open span", () => {
    const url = new URLSearchParams();
    url.set("startDate", "2026-11-01T00:00:00.000Z");
    url.append("score", "correctness>=0.8");
    url.append("score", "tone<0.3");
    url.set("model", "gpt-4o");
    url.set("minScore", "0.5");
    url.set("appId", "app_x");
    url.set("cursor", cursor(3));
    url.append("prev", cursor(2));
    url.set("trace", "t1");
    url.set("span", "s1");
    const state = readTraceUrl(url);
    expect(state.problems).toEqual([]);
    expect(state.filters).toEqual({ startDate: "2026-11-01T00:00:00.000Z", score: ["correctness>=0.8", "tone<0.3"], model: "gpt-4o", minScore: "0.5" });
    expect(state.prev).toEqual([cursor(2)]);
    const again = readTraceUrl(new URLSearchParams(buildTraceUrl(state)));
    expect(again).toEqual(state);
  });

  it("gives the API and the export only filters and the app, never paging or the open span", () => {
    const q = new URLSearchParams(filterQueryString({ model: "m", score: ["a>1"] }, "app_x"));
    expect([...q.keys()].sort()).toEqual(["appId", "model", "score"]);
  });

  it("reports every invalid parameter by name, with the filter schema's reasons", () => {
    const state = readTraceUrl(new URLSearchParams("score=nope&type=WRONG&colour=red&cursor=zzz"));
    expect(state.problems.map((p) => p.name).sort()).toEqual(["colour", "cursor", "score", "type"]);
    expect(state.problems.find((p) => p.name === "colour")?.reason).toBe("is not a known parameter");
    const pairing = readTraceUrl(new URLSearchParams("metadata_key=k"));
    expect(pairing.problems).toEqual([{ name: "metadata_value", reason: "metadata_key and metadata_value must be given together" }]);
  });

  it("ignores page-only and export-only parameters when validating", () => {
    const state = readTraceUrl(new URLSearchParams("prev=x&trace=t&span=s&format=csv&limit=10&lightweight=true"));
    expect(state.problems).toEqual([]);
    expect(state.filters).toEqual({});
    // The fine-tuning options of a pasted openai export URL are export options too (unit=trace alone would be a 400).
    const pasted = readTraceUrl(new URLSearchParams("unit=trace&dedupe=true&split=train&validationFraction=0.2&maxTokens=8000&redact=true&model=m"));
    expect(pasted.problems).toEqual([]);
    expect(pasted.filters).toEqual({ model: "m" });
  });

  it("lists active filters, one per score condition, leaving out type=all", () => {
    expect(activeFilters({ type: "all", score: ["a>1", "b<2"], tag: "prod" })).toEqual([
      { key: "score", value: "a>1" },
      { key: "score", value: "b<2" },
      { key: "tag", value: "prod" },
    ]);
  });
});
