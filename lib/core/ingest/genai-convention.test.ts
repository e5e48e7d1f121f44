// The OpenTelemetry GenAI attribute form → span fields (genai-convention.ts).
import { describe, expect, it } from "vitest";
import { readGenAi } from "./genai-convention";

describe("readGenAi", () => {
  it("prefers the request model, reads both token vocabularies and the cost", () => {
    const f = readGenAi({
      attrs: {
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.response.model": "gpt-4o-2024-08-06",
        "gen_ai.usage.prompt_tokens": 12,
        "gen_ai.usage.completion_tokens": "7",
        "gen_ai.usage.cost": 0.0031,
      },
    });
    expect(f).toMatchObject({ model: "gpt-4o", inputTokens: 12, outputTokens: 7, cost: 0.0031 });
    expect(readGenAi({ attrs: { "gen_ai.response.model": "claude-x" } }).model).toBe("claude-x");
  });

  it("prefers the current token keys and ignores counts that do not fit the column", () => {
    const f = readGenAi({ attrs: { "gen_ai.usage.input_tokens": 5, "gen_ai.usage.prompt_tokens": 9, "gen_ai.usage.output_tokens": "9223372036854775807" } });
    expect(f.inputTokens).toBe(5);
    expect(f.outputTokens).toBeUndefined();
  });

  it("puts system instructions first and says which keys held the messages", () => {
    const f = readGenAi({
      attrs: {
        "gen_ai.system_instructions": '[{"type":"text","content":"Be kind."}]',
        "gen_ai.input.messages": '[{"role":"user","parts":[{"type":"text","content":"Hi"}]}]',
        "gen_ai.output.messages":
          '[{"role":"assistant","parts":[{"type":"text","content":"Calling"},{"type":"tool_call","id":"c9","name":"lookup","arguments":"{\\"q\\":1}"}]}]',
      },
    });
    expect(f.inputMessages).toEqual({
      value: [
        { role: "system", content: "Be kind." },
        { role: "user", content: "Hi" },
      ],
      keys: ["gen_ai.input.messages"],
    });
    expect(f.outputMessages?.value[0].tool_calls).toEqual([{ id: "c9", type: "function", function: { name: "lookup", arguments: '{"q":1}' } }]);
  });

  it("reads gen_ai.tool.definitions, flat as the semconv writes them, into OpenAI's shape", () => {
    const definitions = [
      { type: "function", name: "get_current_weather", description: "Get the current weather", parameters: { type: "object", properties: { location: { type: "string" } } } },
      { type: "web_search" },
    ];
    expect(readGenAi({ attrs: { "gen_ai.tool.definitions": JSON.stringify(definitions) } }).tools).toEqual({
      value: [
        {
          type: "function",
          function: { name: "get_current_weather", description: "Get the current weather", parameters: { type: "object", properties: { location: { type: "string" } } } },
        },
      ],
      keys: ["gen_ai.tool.definitions"],
    });
  });

  it("calls model operations GENERATIONs and agent or tool operations SPANs", () => {
    expect(readGenAi({ attrs: { "gen_ai.operation.name": "chat" } }).kind).toBe("GENERATION");
    expect(readGenAi({ attrs: { "gen_ai.operation.name": "embeddings" } }).kind).toBe("GENERATION");
    expect(readGenAi({ attrs: { "gen_ai.operation.name": "invoke_agent", "gen_ai.request.model": "m" } }).kind).toBe("SPAN");
    expect(readGenAi({ attrs: { "gen_ai.operation.name": "execute_tool" } }).kind).toBe("SPAN");
    expect(readGenAi({ attrs: { "gen_ai.request.model": "m" } }).kind).toBeUndefined();
  });

  it("takes the conversation id as the session", () => {
    expect(readGenAi({ attrs: { "gen_ai.conversation.id": "conv_1" } }).sessionId).toBe("conv_1");
  });
});
