// The Vercel AI SDK's telemetry spans → span fields (vercel-ai-convention.ts). The SDK 5 provider
// call and wrapper of a generateText are in fixtures/convention-spans.ts (conventions.test.ts).
import { describe, expect, it } from "vitest";
import { readVercelAi } from "./vercel-ai-convention";

const view = (name: string, attrs: Record<string, string | number | string[]>) => ({ name, attrs, events: [] });

describe("readVercelAi", () => {
  it("calls provider calls GENERATIONs and wrappers and tool calls SPANs", () => {
    for (const op of ["ai.generateText.doGenerate", "ai.streamText.doStream", "ai.generateObject.doGenerate", "ai.streamObject.doStream", "ai.embed.doEmbed"]) {
      expect(readVercelAi(view(op, { "ai.operationId": op })).kind).toBe("GENERATION");
    }
    for (const op of ["ai.generateText", "ai.streamText", "ai.generateObject", "ai.toolCall", "ai.embedMany"]) {
      expect(readVercelAi(view(op, { "ai.operationId": op })).kind).toBe("SPAN");
    }
    // The span name is the operation when ai.operationId was not recorded.
    expect(readVercelAi(view("ai.streamText.doStream", {})).kind).toBe("GENERATION");
    expect(readVercelAi(view("chat", {})).kind).toBeUndefined();
  });

  it("reads SDK 4's token names and tool calls (args as a JSON string), and SDK 4 prompts (args, result)", () => {
    const f = readVercelAi(
      view("ai.streamText.doStream", {
        "ai.model.id": "claude-3-5-sonnet-latest",
        "ai.usage.promptTokens": 80,
        "ai.usage.completionTokens": 12,
        "ai.prompt.messages": JSON.stringify([
          { role: "user", content: [{ type: "text", text: "Add 2 and 3" }] },
          { role: "assistant", content: [{ type: "text", text: "Adding." }, { type: "tool-call", toolCallId: "toolu_1", toolName: "add", args: { a: 2, b: 3 } }] },
          { role: "tool", content: [{ type: "tool-result", toolCallId: "toolu_1", toolName: "add", result: 5 }] },
        ]),
        "ai.response.text": "It is 5.",
        "ai.prompt.tools": [JSON.stringify({ type: "function", name: "add", parameters: { type: "object" } })],
      }),
    );
    expect(f).toMatchObject({ model: "claude-3-5-sonnet-latest", inputTokens: 80, outputTokens: 12 });
    expect(f.inputMessages?.value).toEqual([
      { role: "user", content: "Add 2 and 3" },
      { role: "assistant", content: "Adding.", tool_calls: [{ id: "toolu_1", type: "function", function: { name: "add", arguments: '{"a":2,"b":3}' } }] },
      { role: "tool", tool_call_id: "toolu_1", content: "5" },
    ]);
    expect(f.outputMessages?.value).toEqual([{ role: "assistant", content: "It is 5." }]);
    expect(f.tools?.value).toEqual([{ type: "function", function: { name: "add", parameters: { type: "object" } } }]);
  });

  it("reads SDK 5 tool results wrapped as {type, value}, and a generateObject answer", () => {
    const f = readVercelAi(
      view("ai.generateObject.doGenerate", {
        "ai.prompt.messages": JSON.stringify([
          { role: "tool", content: [{ type: "tool-result", toolCallId: "c1", toolName: "t", output: { type: "text", value: "done" } }] },
        ]),
        "ai.response.object": '{"title":"Hello"}',
      }),
    );
    expect(f.inputMessages?.value).toEqual([{ role: "tool", tool_call_id: "c1", content: "done" }]);
    expect(f.outputMessages?.value).toEqual([{ role: "assistant", content: '{"title":"Hello"}' }]);
  });

  it("takes metadata, user and session from ai.telemetry.metadata on any ai span", () => {
    const f = readVercelAi(view("ai.toolCall", { "ai.telemetry.metadata.userId": "u1", "ai.telemetry.metadata.sessionId": "s1", "ai.telemetry.metadata.tier": 3, "ai.toolCall.args": '{"q":1}' }));
    expect(f).toMatchObject({ userId: "u1", sessionId: "s1", metadata: { userId: "u1", sessionId: "s1", tier: "3" }, inputValue: { q: 1 } });
  });
});
