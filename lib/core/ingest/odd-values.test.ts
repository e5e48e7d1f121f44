// Whatever a producer puts in a convention's attributes, mapping never throws: a span with odd values
// is stored with what could be read (the rest stays raw), so ingest answers 200, never a 500.
import { describe, expect, it } from "vitest";
import { GENERATION_FIXTURES, VERCEL_WRAPPER, type AttributeMap } from "./fixtures/convention-spans";
import { otlpAttributes } from "./otlp-attributes";
import { mapSpan } from "./map-span";

const ODD: AttributeMap[string][] = [42, 1.5, true, "", "{", "[", "null", "[1,2]", '{"a":{"b":[null]}}', '[{"role":7,"parts":"x"}]', ["x", ""], "\u0000"];

describe("odd attribute values", () => {
  it.each([...GENERATION_FIXTURES, VERCEL_WRAPPER].map((f) => [f.label, f] as const))("%s: every key, every odd value, maps without throwing", (_label, fixture) => {
    for (const key of Object.keys(fixture.attributes)) {
      for (const odd of ODD) {
        const events = fixture.events?.map((e) => ({ name: e.name, attributes: otlpAttributes({ ...e.attributes, "gen_ai.event.content": odd, content: odd, message: odd }) }));
        const result = mapSpan(
          {
            traceId: "5b8efff798038103d269b633813fc60c",
            spanId: "eee19b7ec3c1b174",
            name: fixture.name,
            startTimeUnixNano: "1767225600000000000",
            attributes: otlpAttributes({ ...fixture.attributes, [key]: odd }),
            events,
          },
          {},
        );
        expect(result.ok, `${key} = ${JSON.stringify(odd)}`).toBe(true);
      }
    }
  });
});
