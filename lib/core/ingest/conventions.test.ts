// Every convention's fixture (fixtures/convention-spans.ts: attributes as each instrumentation emits
// them) maps onto the same canonical span fields through mapSpan, the one place precedence is decided.
import { describe, expect, it } from "vitest";
import {
  EXPECTED_INPUT,
  EXPECTED_OUTPUT,
  EXPECTED_TOOL_CALLS,
  GENERATION_FIXTURES,
  VERCEL_WRAPPER,
  otlpAttributes,
  type ConventionFixture,
} from "./fixtures/convention-spans";
import { mapSpan } from "./map-span";

function rowsOf(f: ConventionFixture) {
  const result = mapSpan(
    {
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: "eee19b7ec3c1b174",
      name: f.name,
      startTimeUnixNano: "1767225600000000000",
      endTimeUnixNano: "1767225601250000000",
      attributes: otlpAttributes(f.attributes),
      events: f.events?.map((e, i) => ({ name: e.name, timeUnixNano: `17672256000${i}0000000`, attributes: otlpAttributes(e.attributes) })),
    },
    { "service.name": "travel-api" },
  );
  if (!result.ok) throw new Error(result.reason);
  return result.rows;
}

describe.each(GENERATION_FIXTURES.map((f) => [f.label, f] as const))("%s", (_label, fixture) => {
  const [row, ...events] = rowsOf(fixture);

  it("maps model, type, tokens, user, session, tags, metadata and tools", () => {
    const e = fixture.expected;
    expect({
      type: row.type,
      model: row.model,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      userId: row.user_id,
      sessionId: row.session_id,
      tags: row.tags,
      metadata: row.metadata,
      tools: row.tools,
    }).toEqual(e);
  });

  it("maps the messages, with the tool call and its result in the input and the new call in the output", () => {
    expect(row.input).toEqual(EXPECTED_INPUT);
    expect(row.output).toEqual(EXPECTED_OUTPUT);
    expect(row.tool_calls).toEqual(EXPECTED_TOOL_CALLS);
  });

  it("keeps unmapped attributes raw, and the mapped content only once", () => {
    const raw = JSON.stringify(row.attributes);
    expect(raw).not.toContain("And tomorrow?");
    expect(raw).not.toContain("Weather forecast for the next days");
    expect(row.attributes["resource.service.name"]).toBe("travel-api");
    // The message events became the row's content: no EVENT row repeats them.
    expect(events).toEqual([]);
  });
});

describe(VERCEL_WRAPPER.label, () => {
  it("stays a SPAN without a model or token counts, so the call is counted once", () => {
    const [row] = rowsOf(VERCEL_WRAPPER);
    expect(row).toMatchObject({ type: "SPAN", model: null, input_tokens: null, output_tokens: null, user_id: "user-vercel", session_id: "sess-vercel" });
    expect(row.input).toMatchObject({ system: expect.stringContaining("travel assistant") });
    expect(row.attributes["ai.usage.inputTokens"]).toBe(412);
  });
});
