import { describe, expect, it } from "vitest";
import { redactLine, redactLineBytes } from "./redact-rows";
import type { RedactionCounts } from "./redact-text";

const line = (over: Record<string, unknown>) =>
  JSON.stringify({
    trace_id: "t1", span_id: "s1", span_name: "call ada@x.org", type: "GENERATION", model: null, status: "STATUS_CODE_OK",
    latency_ms: 1, timestamp: "2026-11-01T12:00:00.123456Z", input: "hi", output: "ok", tool_calls: null,
    metadata: {}, user_id: "ada@x.org", tags: [], input_tokens: null, output_tokens: null, cost: null, scores: {}, ...over,
  });

describe("redacting jsonl rows", () => {
  it("rewrites input, output, tool_calls and metadata values only", () => {
    const counts: RedactionCounts = {};
    const out = JSON.parse(
      redactLine(
        line({
          input: [{ role: "user", content: "I am ada@x.org, call 415-555-2671" }],
          output: "noted 10.0.0.1",
          tool_calls: [{ id: "c1", name: "mail", arguments: { to: "bob@y.org" } }],
          metadata: { card: "4111 1111 1111 1111" },
        }),
        counts,
        false,
      ),
    );
    expect(out.input[0].content).toBe("I am [EMAIL], call [PHONE]");
    expect(out.output).toBe("noted [IP]");
    expect(out.tool_calls[0].arguments.to).toBe("[EMAIL]");
    expect(out.metadata.card).toBe("[CARD]");
    // Not personal-data fields of this contract: left as they are.
    expect(out.user_id).toBe("ada@x.org");
    expect(out.span_name).toBe("call ada@x.org");
    expect(counts).toEqual({ email: 2, phone: 1, ip: 1, card: 1 });
  });

  it("passes a row with nothing to redact through unchanged, byte for byte", () => {
    const counts: RedactionCounts = {};
    const text = line({ input: "version 1.2.3.4 at 12:30:45", metadata: { k: "ü" } });
    expect(redactLine(text, counts, false)).toBe(text);
    const bytes = Buffer.from(`${text}\n${text}\n`);
    expect(redactLineBytes(bytes, counts, false)).toBe(bytes);
    expect(counts).toEqual({});
  });

  it("rewrites only the flagged rows of a COPY piece, keeping UTF-8 intact", () => {
    const counts: RedactionCounts = {};
    const a = line({ input: "grüße from café ☕" });
    const b = line({ input: "mail me: zoë@example.com ☕" });
    const out = redactLineBytes(Buffer.from(`${a}\n${b}\n${a}\n`), counts, false).toString("utf8");
    const lines = out.split("\n");
    expect(lines[0]).toBe(a);
    expect(JSON.parse(lines[1]).input).toBe("mail me: [EMAIL] ☕");
    expect(lines[2]).toBe(a);
    expect(lines[3]).toBe("");
    expect(counts).toEqual({ email: 1 });
  });

  it("looks at metadata only when lightweight", () => {
    const counts: RedactionCounts = {};
    const { input: _i, output: _o, tool_calls: _t, ...rest } = JSON.parse(line({ metadata: { ip: "10.1.2.3" } }));
    const out = JSON.parse(redactLine(JSON.stringify(rest), counts, true));
    expect(out.metadata.ip).toBe("[IP]");
  });
});
