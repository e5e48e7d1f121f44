// The committed descriptor is what the vendored .proto files generate: editing one without the other
// (or by hand) fails here, so the decoder never drifts from the definitions it claims to follow.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildOtlpDescriptor, descriptorModule, DESCRIPTOR_FILE } from "./generate-otlp-proto";

describe("otlp-proto-descriptor.ts", () => {
  it("is up to date with proto/ (run npm run proto:generate)", () => {
    expect(readFileSync(DESCRIPTOR_FILE, "utf8")).toBe(descriptorModule(buildOtlpDescriptor()));
  });
});
