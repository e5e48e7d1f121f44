// When several conventions describe one span, map-span.ts decides: Flywheel's own keys, then the
// OpenTelemetry GenAI attributes, then the GenAI events, OpenInference, the Vercel AI SDK, OpenLLMetry
// (docs/ingest.md "Which convention wins").
import { describe, expect, it } from "vitest";
import { otlpAttributes, type AttributeMap } from "./fixtures/convention-spans";
import { mapSpan } from "./map-span";

function rowsOf(attributes: AttributeMap, events: { name: string; attributes: AttributeMap }[] = [], name = "llm call") {
  const r = mapSpan(
    {
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: "eee19b7ec3c1b174",
      name,
      startTimeUnixNano: "1767225600000000000",
      endTimeUnixNano: "1767225600250000000",
      attributes: otlpAttributes(attributes),
      events: events.map((e) => ({ name: e.name, timeUnixNano: "1767225600100000000", attributes: otlpAttributes(e.attributes) })),
    },
    {},
  );
  if (!r.ok) throw new Error(r.reason);
  return r.rows;
}

const tool = (name: string) => JSON.stringify({ type: "function", function: { name } });

/** One span that every convention describes, each differently. */
const ALL: AttributeMap = {
  // OpenTelemetry GenAI
  "gen_ai.operation.name": "chat",
  "gen_ai.request.model": "genai-model",
  "gen_ai.usage.input_tokens": 1,
  "gen_ai.usage.output_tokens": 2,
  "gen_ai.conversation.id": "genai-session",
  "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "genai input" }] }]),
  "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "genai output" }] }]),
  "gen_ai.tool.definitions": JSON.stringify([{ type: "function", name: "genai_tool" }]),
  // OpenInference
  "openinference.span.kind": "CHAIN",
  "llm.model_name": "oi-model",
  "llm.token_count.prompt": 10,
  "llm.token_count.completion": 20,
  "llm.input_messages.0.message.role": "user",
  "llm.input_messages.0.message.content": "oi input",
  "llm.output_messages.0.message.role": "assistant",
  "llm.output_messages.0.message.content": "oi output",
  "llm.tools.0.tool.json_schema": tool("oi_tool"),
  "tag.tags": ["oi-tag"],
  metadata: JSON.stringify({ shared: "oi", oi_only: "yes" }),
  // Vercel AI SDK
  "ai.operationId": "ai.generateText",
  "ai.model.id": "vercel-model",
  "ai.usage.inputTokens": 100,
  "ai.telemetry.metadata.sessionId": "vercel-session",
  "ai.telemetry.metadata.userId": "vercel-user",
  "ai.telemetry.metadata.shared": "vercel",
  // OpenLLMetry
  "llm.request.functions.0.name": "oll_tool",
  "llm.usage.prompt_tokens": 1000,
  "traceloop.association.properties.user_id": "oll-user",
  "traceloop.association.properties.shared": "oll",
  "traceloop.association.properties.oll_only": "yes",
};

describe("precedence between conventions", () => {
  it("lets the OpenTelemetry GenAI attributes win every field they fill", () => {
    const [row] = rowsOf(ALL);
    expect(row).toMatchObject({
      type: "GENERATION", // gen_ai.operation.name "chat", over OpenInference's CHAIN and Vercel's wrapper
      model: "genai-model",
      input_tokens: 1,
      output_tokens: 2,
      session_id: "genai-session",
      input: [{ role: "user", content: "genai input" }],
      output: [{ role: "assistant", content: "genai output" }],
      tools: [{ type: "function", function: { name: "genai_tool" } }],
    });
    // The losing conventions' attributes stay raw.
    expect(row.attributes["llm.input_messages.0.message.content"]).toBe("oi input");
    expect(row.attributes["llm.tools.0.tool.json_schema"]).toBe(tool("oi_tool"));
    expect(row.attributes["gen_ai.tool.definitions"]).toBeUndefined();
  });

  it("falls to the next convention field by field: OpenInference, then Vercel AI SDK, then OpenLLMetry", () => {
    const withoutGenAi = Object.fromEntries(Object.entries(ALL).filter(([k]) => !k.startsWith("gen_ai.")));
    const [row] = rowsOf(withoutGenAi);
    expect(row).toMatchObject({
      type: "SPAN", // OpenInference says CHAIN
      model: "oi-model",
      input_tokens: 10,
      output_tokens: 20,
      session_id: "vercel-session", // OpenInference has none (session.id would be Flywheel's own key)
      user_id: "vercel-user",
      tools: [{ type: "function", function: { name: "oi_tool" } }],
      tags: ["oi-tag"],
    });
    // Metadata is merged; on a shared key the higher convention wins.
    expect(row.metadata).toEqual({
      shared: "oi",
      oi_only: "yes",
      sessionId: "vercel-session",
      userId: "vercel-user",
      user_id: "oll-user",
      oll_only: "yes",
    });
  });

  it("lets Flywheel's own keys win over every convention", () => {
    const [row] = rowsOf({
      ...ALL,
      "user.id": "flywheel-user",
      "session.id": "flywheel-session",
      "flywheel.span_type": "SPAN",
      "flywheel.metadata.shared": "flywheel",
      "flywheel.tags": ["flywheel-tag"],
    });
    expect(row).toMatchObject({ type: "SPAN", user_id: "flywheel-user", session_id: "flywheel-session", tags: ["flywheel-tag", "oi-tag"] });
    expect(row.metadata.shared).toBe("flywheel");
    // A SPAN shows plain content first; with none, its messages still fill input and output.
    expect(row.input).toEqual([{ role: "user", content: "genai input" }]);
  });

  it("prefers the GenAI attributes to the GenAI events, and keeps events it did not use as EVENT rows", () => {
    const rows = rowsOf({ "gen_ai.request.model": "m", "gen_ai.input.messages": JSON.stringify([{ role: "user", content: "from attributes" }]) }, [
      { name: "gen_ai.user.message", attributes: { content: "from an event" } },
      { name: "gen_ai.choice", attributes: { message: JSON.stringify({ role: "assistant", content: "answer from an event" }) } },
    ]);
    expect(rows[0].input).toEqual([{ role: "user", content: "from attributes" }]);
    // The output came from the choice event: only the unused user-message event is a row of its own.
    expect(rows[0].output).toEqual([{ role: "assistant", content: "answer from an event" }]);
    expect(rows.slice(1).map((r) => r.span_name)).toEqual(["gen_ai.user.message"]);
  });

  it("counts a Vercel AI SDK call once: the provider call is the GENERATION, its wrapper a SPAN", () => {
    const common = { "ai.model.id": "gpt-4o", "ai.usage.inputTokens": 50, "ai.usage.outputTokens": 5 };
    const [wrapper] = rowsOf({ ...common, "ai.operationId": "ai.streamText" }, [], "ai.streamText");
    const [call] = rowsOf({ ...common, "ai.operationId": "ai.streamText.doStream" }, [], "ai.streamText.doStream");
    expect(wrapper).toMatchObject({ type: "SPAN", model: null, input_tokens: null, output_tokens: null });
    expect(call).toMatchObject({ type: "GENERATION", model: "gpt-4o", input_tokens: 50, output_tokens: 5 });
  });

  it("makes a GENERATION of a span that only names a model, whichever convention names it", () => {
    expect(rowsOf({ "llm.model_name": "m" })[0].type).toBe("GENERATION");
    expect(rowsOf({ "gen_ai.operation.name": "invoke_agent", "gen_ai.request.model": "m" })[0].type).toBe("SPAN");
  });
});
