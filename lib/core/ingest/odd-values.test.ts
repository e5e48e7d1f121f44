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

describe("names that are also JavaScript's own", () => {
  it("are read as any other unknown role or event name", () => {
    const result = mapSpan(
      {
        traceId: "5b8efff798038103d269b633813fc60c",
        spanId: "eee19b7ec3c1b174",
        name: "chat",
        startTimeUnixNano: "1767225600000000000",
        attributes: otlpAttributes({ "gen_ai.request.model": "m", "gen_ai.input.messages": '[{"role":"constructor","content":"hi"},{"role":"__proto__","content":"yo"}]' }),
        events: [{ name: "constructor", attributes: otlpAttributes({ content: "not a message" }) }],
      },
      {},
    );
    if (!result.ok) throw new Error(result.reason);
    expect(result.rows[0].input).toEqual([
      { role: "user", content: "hi" },
      { role: "user", content: "yo" },
    ]);
    expect(result.rows.map((r) => r.span_name)).toEqual(["chat", "constructor"]);
  });
});

describe("JSON nested deeper than any message inside an attribute's text", () => {
  it("stays text, so nothing recursive overflows on it", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const response = `{"a":${"[".repeat(100)}1${"]".repeat(100)}}`;
    const result = mapSpan(
      {
        traceId: "5b8efff798038103d269b633813fc60c",
        spanId: "eee19b7ec3c1b174",
        name: "chat",
        startTimeUnixNano: "1767225600000000000",
        attributes: otlpAttributes({
          "gen_ai.request.model": "m",
          "gen_ai.input.messages": `[{"role":"tool","parts":[{"type":"tool_call_response","id":"c1","response":${response}}]}]`,
          "gen_ai.tool.definitions": deep,
          "input.value": deep,
          "llm.tools.0.tool.json_schema": deep,
        }),
      },
      {},
    );
    if (!result.ok) throw new Error(result.reason);
    const [row] = result.rows;
    expect(() => JSON.stringify(result.rows)).not.toThrow();
    expect(row.tools).toBeNull();
    // The messages could not be read, so the row shows input.value — as the text it is.
    expect(row.input).toBe(deep);
    expect(typeof row.attributes["gen_ai.input.messages"]).toBe("string");
  });
});
