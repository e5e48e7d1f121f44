// `attributes` keeps the raw OTLP attributes, less the chat messages already stored as input/output
// (docs/ingest.md): they were most of a generation's bytes, stored twice.
import { describe, expect, it } from "vitest";
import { mapSpan } from "./map-span";
import type { OtlpKeyValue, OtlpSpan } from "./otlp-schema";

const str = (key: string, stringValue: string): OtlpKeyValue => ({ key, value: { stringValue } });
const messages = (role: string, text: string) => JSON.stringify([{ role, parts: [{ type: "text", content: text }] }]);

function rowOf(attributes: OtlpKeyValue[]) {
  const span: OtlpSpan = {
    traceId: "5b8efff798038103d269b633813fc60c",
    spanId: "eee19b7ec3c1b174",
    name: "chat",
    startTimeUnixNano: "1767225600000000000",
    endTimeUnixNano: "1767225600250000000",
    attributes,
  };
  const r = mapSpan(span, { "service.name": "svc" });
  if (!r.ok) throw new Error(r.reason);
  return r.rows[0];
}

describe("raw attributes", () => {
  it("leaves out the message attributes that became input and output, and keeps every other key", () => {
    const row = rowOf([
      str("gen_ai.request.model", "gpt-4o"),
      str("gen_ai.system_instructions", "Be terse."),
      str("gen_ai.input.messages", messages("user", "hi")),
      str("gen_ai.output.messages", messages("assistant", "hello")),
      str("gen_ai.response.model", "gpt-4o-2024-08-06"),
      str("custom.key", "kept"),
    ]);
    expect(row.input).toEqual([
      { role: "system", content: "Be terse." },
      { role: "user", content: "hi" },
    ]);
    expect(row.output).toEqual([{ role: "assistant", content: "hello" }]);
    expect(row.attributes).toEqual({
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.system_instructions": "Be terse.",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "custom.key": "kept",
      "resource.service.name": "svc",
    });
  });

  it("leaves out the indexed prompt and completion attributes once mapped", () => {
    const row = rowOf([
      str("gen_ai.request.model", "m"),
      str("gen_ai.prompt.0.role", "user"),
      str("gen_ai.prompt.0.content", "Say hi"),
      str("gen_ai.completion.0.role", "assistant"),
      str("gen_ai.completion.0.content", "Hi!"),
      str("gen_ai.promptless", "a different key"),
    ]);
    expect(row.input).toEqual([{ role: "user", content: "Say hi" }]);
    expect(row.attributes).toEqual({ "gen_ai.request.model": "m", "gen_ai.promptless": "a different key", "resource.service.name": "svc" });
  });

  it("keeps the messages when input/output came from input.value/output.value instead", () => {
    const row = rowOf([
      str("input.value", "question"),
      str("output.value", "answer"),
      str("gen_ai.input.messages", messages("user", "not the input")),
    ]);
    expect(row.type).toBe("SPAN");
    expect(row.input).toBe("question");
    expect(row.attributes["gen_ai.input.messages"]).toBe(messages("user", "not the input"));
    expect(row.attributes["input.value"]).toBe("question");
  });
});
