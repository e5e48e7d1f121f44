// Each instrumentation convention end to end: its fixture's attributes and span events (spelled as that
// instrumentation emits them, lib/core/ingest/fixtures/convention-spans.ts) set on real spans of the
// official OpenTelemetry JS SDK, exported by @opentelemetry/exporter-trace-otlp-http to the real
// server, then read back through GET /v1/traces/export as jsonl and as openai examples.
import { ROOT_CONTEXT, trace, type Span } from "@opentelemetry/api";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTenancy, testDb, type Tenancy } from "../fixtures";
import { exportNdjson, exportRows } from "../export/http";
import {
  EXPECTED_INPUT,
  EXPECTED_OUTPUT,
  EXPECTED_TOOL_CALLS,
  GENERATION_FIXTURES,
  VERCEL_DO_GENERATE,
  VERCEL_WRAPPER,
  type ConventionFixture,
} from "../../lib/core/ingest/fixtures/convention-spans";
import { validateOpenAiExample, type ExportRow } from "../../lib/core/export";
import { otelPipeline } from "./otel";

const SUCCESS = 0;

/** Sends the fixture's span (inside the Vercel AI SDK's wrapper for its provider call); returns the span ids by name. */
async function send(t: Tenancy, fixture: ConventionFixture): Promise<Record<string, string>> {
  const p = otelPipeline(t);
  let wrapper: Span | undefined;
  let parent = ROOT_CONTEXT;
  if (fixture === VERCEL_DO_GENERATE) {
    wrapper = p.tracer.startSpan(VERCEL_WRAPPER.name, { attributes: VERCEL_WRAPPER.attributes });
    parent = trace.setSpan(ROOT_CONTEXT, wrapper);
  }
  const span = p.tracer.startSpan(fixture.name, { attributes: fixture.attributes }, parent);
  for (const e of fixture.events ?? []) span.addEvent(e.name, e.attributes);
  span.end();
  wrapper?.end();
  await p.flush();
  expect(p.results.map((r) => r.code)).toEqual(p.results.map(() => SUCCESS));
  await p.shutdown();
  return Object.fromEntries(p.sent.map((s) => [s.name, s.spanContext().spanId]));
}

describe.each(GENERATION_FIXTURES.map((f) => [f.label, f] as const))("%s through the server", (_label, fixture) => {
  let t: Tenancy;
  let ids: Record<string, string>;
  let rows: ExportRow[];

  beforeAll(async () => {
    t = await makeTenancy("conv");
    ids = await send(t, fixture);
    rows = (await exportRows(t)).rows;
  });

  it("exports the generation's model, type, messages, tool calls, tokens, user, tags, metadata and tools as jsonl", () => {
    const row = rows.find((r) => r.span_id === ids[fixture.name])!;
    const e = fixture.expected;
    expect(row).toMatchObject({
      span_name: fixture.name,
      type: e.type,
      model: e.model,
      input: EXPECTED_INPUT,
      output: EXPECTED_OUTPUT,
      tool_calls: EXPECTED_TOOL_CALLS,
      input_tokens: e.inputTokens,
      output_tokens: e.outputTokens,
      user_id: e.userId,
      tags: e.tags,
      metadata: e.metadata,
      tools: e.tools,
    });
  });

  it("stores the session, and no EVENT row for message events that became the input and output", async () => {
    const { prisma } = await testDb();
    const stored = await prisma.span.findMany({ where: { appId: t.appId }, select: { spanId: true, type: true, sessionId: true } });
    expect(stored.find((s) => s.spanId === ids[fixture.name])?.sessionId).toBe(fixture.expected.sessionId);
    expect(stored.filter((s) => s.type === "EVENT")).toEqual([]);
    expect(rows).toHaveLength(fixture === VERCEL_DO_GENERATE ? 2 : 1);
  });

  it("exports one valid openai example with the conversation and the tools offered", async () => {
    const { lines, meta } = await exportNdjson(t, { format: "openai" });
    const expected = { messages: [...EXPECTED_INPUT, ...EXPECTED_OUTPUT], ...(fixture.expected.tools ? { tools: fixture.expected.tools } : {}) };
    expect(lines).toEqual([expected]);
    expect(validateOpenAiExample(lines[0])).toEqual({ ok: true });
    // The Vercel AI SDK's wrapper is a SPAN: skipped, so the call is in the file once.
    const wrappers = fixture === VERCEL_DO_GENERATE ? 1 : 0;
    expect(meta).toMatchObject({ exported: 1, skipped: wrappers, skip_reasons: wrappers ? { not_a_generation: 1 } : {} });
  });

});

describe("the Vercel AI SDK's wrapper span through the server", () => {
  it("stays a SPAN with no model or tokens, around the GENERATION of the provider call", async () => {
    const t = await makeTenancy("convwrap");
    const ids = await send(t, VERCEL_DO_GENERATE);
    const { rows } = await exportRows(t);
    const wrapper = rows.find((r) => r.span_id === ids[VERCEL_WRAPPER.name])!;
    expect(wrapper).toMatchObject({ type: "SPAN", model: null, input_tokens: null, output_tokens: null, user_id: "user-vercel", tools: null });
    expect(wrapper.input).toMatchObject({ system: expect.stringContaining("travel assistant") });
    const { prisma } = await testDb();
    const call = await prisma.span.findFirstOrThrow({ where: { appId: t.appId, spanId: ids[VERCEL_DO_GENERATE.name] } });
    expect(call).toMatchObject({ type: "GENERATION", parentSpanId: ids[VERCEL_WRAPPER.name] });
  });
});
