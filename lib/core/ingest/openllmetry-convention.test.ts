// OpenLLMetry's own keys → span fields (openllmetry-convention.ts); its indexed prompts are read with
// the GenAI attributes. The full span of its OpenAI instrumentation is in fixtures/convention-spans.ts.
import { describe, expect, it } from "vitest";
import { readOpenLlmetry } from "./openllmetry-convention";

describe("readOpenLlmetry", () => {
  it("reads llm.request.functions in index order, with the parameters' JSON", () => {
    const f = readOpenLlmetry({
      attrs: {
        "llm.request.functions.1.name": "second",
        "llm.request.functions.0.name": "first",
        "llm.request.functions.0.description": "The first",
        "llm.request.functions.0.parameters": '{"type": "object", "properties": {}}',
      },
    });
    expect(f.tools?.value).toEqual([
      { type: "function", function: { name: "first", description: "The first", parameters: { type: "object", properties: {} } } },
      { type: "function", function: { name: "second" } },
    ]);
  });

  it("reads the older llm.usage token counts", () => {
    expect(readOpenLlmetry({ attrs: { "llm.usage.prompt_tokens": 30, "llm.usage.completion_tokens": 5, "llm.usage.total_tokens": 35 } })).toMatchObject({ inputTokens: 30, outputTokens: 5 });
  });

  it("turns association properties into metadata, with user_id and session_id as user and session", () => {
    const f = readOpenLlmetry({
      attrs: {
        "traceloop.association.properties.user_id": "u-7",
        "traceloop.association.properties.session_id": "s-7",
        "traceloop.association.properties.chat_id": 42,
      },
    });
    expect(f).toMatchObject({ userId: "u-7", sessionId: "s-7", metadata: { user_id: "u-7", session_id: "s-7", chat_id: "42" } });
  });

  it("shows a workflow's entity input and output", () => {
    const f = readOpenLlmetry({ attrs: { "traceloop.entity.input": '{"args": [], "kwargs": {"city": "Paris"}}', "traceloop.entity.output": '"sunny"' } });
    expect(f).toMatchObject({ inputValue: { args: [], kwargs: { city: "Paris" } }, outputValue: "sunny" });
  });
});
