// OpenInference's flattened attributes → span fields (openinference-convention.ts). The full LLM span
// of the OpenAI instrumentor is in fixtures/convention-spans.ts (conventions.test.ts).
import { describe, expect, it } from "vitest";
import { readOpenInference } from "./openinference-convention";

describe("readOpenInference", () => {
  it("calls LLM and EMBEDDING spans GENERATIONs and the other kinds SPANs", () => {
    expect(readOpenInference({ attrs: { "openinference.span.kind": "LLM" } }).kind).toBe("GENERATION");
    expect(readOpenInference({ attrs: { "openinference.span.kind": "EMBEDDING" } }).kind).toBe("GENERATION");
    expect(readOpenInference({ attrs: { "openinference.span.kind": "CHAIN" } }).kind).toBe("SPAN");
    expect(readOpenInference({ attrs: { "openinference.span.kind": "AGENT" } }).kind).toBe("SPAN");
    expect(readOpenInference({ attrs: { "openinference.span.kind": "SOMETHING" } }).kind).toBeUndefined();
  });

  it("reads text given as message contents, and the older function call", () => {
    const f = readOpenInference({
      attrs: {
        "llm.input_messages.0.message.role": "user",
        "llm.input_messages.0.message.contents.0.message_content.type": "text",
        "llm.input_messages.0.message.contents.0.message_content.text": "Describe this",
        "llm.input_messages.0.message.contents.1.message_content.type": "image",
        "llm.input_messages.0.message.contents.1.message_content.image.image.url": "https://example.com/cat.png",
        "llm.output_messages.0.message.role": "assistant",
        "llm.output_messages.0.message.function_call_name": "describe",
        "llm.output_messages.0.message.function_call_arguments_json": '{"detail":"high"}',
      },
    });
    expect(f.inputMessages?.value).toEqual([{ role: "user", content: "Describe this" }]);
    expect(f.outputMessages?.value).toEqual([
      { role: "assistant", content: null, tool_calls: [{ id: "call_0_0", type: "function", function: { name: "describe", arguments: '{"detail":"high"}' } }] },
    ]);
  });

  it("reads a bare tool schema named by tool.name (the Anthropic instrumentor's spelling)", () => {
    const f = readOpenInference({
      attrs: {
        "llm.tools.0.tool.name": "get_weather",
        "llm.tools.0.tool.description": "Weather now",
        "llm.tools.0.tool.json_schema": '{"type": "object", "properties": {"city": {"type": "string"}}}',
      },
    });
    expect(f.tools?.value).toEqual([
      { type: "function", function: { name: "get_weather", description: "Weather now", parameters: { type: "object", properties: { city: { type: "string" } } } } },
    ]);
    expect(f.tools?.keys).toEqual(["llm.tools.0.tool.name", "llm.tools.0.tool.description", "llm.tools.0.tool.json_schema"]);
  });

  it("reads tags, metadata JSON, plain input/output values, the requested model and the cost", () => {
    const f = readOpenInference({
      attrs: {
        "tag.tags": ["a", "b"],
        metadata: '{"plan": "pro", "attempt": 2, "flags": {"x": true}}',
        "input.value": '{"question": "hi"}',
        "output.value": "hello",
        "llm.model_name": "gpt-4o-2024-08-06",
        "llm.request.model_name": "gpt-4o",
        "llm.cost.total": 0.0042,
      },
    });
    expect(f).toMatchObject({
      tags: ["a", "b"],
      metadata: { plan: "pro", attempt: "2", flags: '{"x":true}' },
      inputValue: { question: "hi" },
      outputValue: "hello",
      model: "gpt-4o",
      cost: 0.0042,
    });
    expect(readOpenInference({ attrs: { metadata: "not json" } }).metadata).toBeUndefined();
  });
});
