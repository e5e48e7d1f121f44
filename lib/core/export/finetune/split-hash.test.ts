import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { splitHash, splitSide, splitSqlCondition, splitThreshold } from "./split-hash";

describe("split hash", () => {
  it("is the first 8 bytes of SHA-256 as a big-endian unsigned integer", () => {
    const digest = createHash("sha256").update("4bf92f3577b34da6a3ce929d0e0e4736").digest("hex");
    expect(splitHash("4bf92f3577b34da6a3ce929d0e0e4736")).toBe(BigInt(`0x${digest.slice(0, 16)}`));
  });

  it("puts about the fraction on the validation side, the same side every time", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `trace-${i}`);
    const validation = ids.filter((id) => splitSide(id, 0.1) === "validation").length;
    expect(validation / ids.length).toBeGreaterThan(0.09);
    expect(validation / ids.length).toBeLessThan(0.11);
    expect(ids.map((id) => splitSide(id, 0.1))).toEqual(ids.map((id) => splitSide(id, 0.1)));
    // A larger fraction only moves examples from train to validation.
    for (const id of ids.slice(0, 2000)) if (splitSide(id, 0.1) === "validation") expect(splitSide(id, 0.3)).toBe("validation");
  });

  it("compares exactly at the threshold: u < f × 2^64", () => {
    expect(splitThreshold(0.5)).toBe(2n ** 63n);
    expect(splitThreshold(0.25)).toBe(2n ** 62n);
    // 0.1 × 2^64 is not an integer: the threshold is the next integer up.
    expect(splitThreshold(0.1)).toBe(BigInt(Math.ceil(0.1 * 2 ** 64)));
  });

  it("writes the same rule as SQL with the threshold in hex", () => {
    expect(splitSqlCondition("s.trace_id", "validation", 0.5)).toContain(`< '8000000000000000'`);
    expect(splitSqlCondition("s.trace_id", "train", 0.5)).toContain(`>= '8000000000000000'`);
  });
});
