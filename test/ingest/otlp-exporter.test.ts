// POST /v1/traces fed by the official OpenTelemetry JS exporter (OTLP/HTTP JSON), exactly as an
// instrumented application would send, read back from the database and through the export route;
// and the pipeline tests (BatchSpanProcessor, a wrong key) as one table over both encodings.
import { ROOT_CONTEXT, SpanStatusCode, trace } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { beforeAll, describe, expect, it } from "vitest";
import { baseUrl, makeTenancy, testDb, type Tenancy } from "../fixtures";
import { authHeaders, otelPipeline } from "./otel";

const SUCCESS = 0;
const FAILED = 1;

/** The stored microsecond timestamp as text, to compare with the exporter's nanosecond clock. */
async function storedMicros(appId: string, spanId: string): Promise<{ ts: string; end: string | null }> {
  const { prisma } = await testDb();
  const rows = await prisma.$queryRawUnsafe<{ ts: string; end: string | null }[]>(
    `SELECT to_char("timestamp" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS ts,
            to_char(end_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "end"
       FROM "span" WHERE app_id = $1 AND span_id = $2`,
    appId,
    spanId,
  );
  return rows[0];
}

function isoMicros([sec, nanos]: [number, number]): string {
  const micros = BigInt(sec) * 1_000_000n + BigInt(Math.floor(nanos / 1000));
  const iso = new Date(Number(micros / 1000n)).toISOString();
  return `${iso.slice(0, 23)}${(micros % 1000n).toString().padStart(3, "0")}`;
}

async function countSpans(appId: string): Promise<number> {
  const { prisma } = await testDb();
  return prisma.span.count({ where: { appId } });
}

async function exportRows(t: Tenancy, query = ""): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${baseUrl()}/v1/traces/export?limit=2000${query}`, { headers: authHeaders(t) });
  expect(res.status).toBe(200);
  const lines = (await res.text()).split("\n").filter((l) => l.trim());
  const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(parsed.at(-1)).toHaveProperty("_export_meta");
  return parsed.slice(0, -1);
}

describe("OTLP/HTTP JSON ingest with the official exporter", () => {
  let t: Tenancy;
  let sent: ReadableSpan[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await makeTenancy("otlp");
    const p = otelPipeline(t);
    const root = p.tracer.startSpan("agent run", {
      attributes: {
        "user.id": "user-42",
        "session.id": "sess-1",
        "flywheel.tags": ["beta", "checkout"],
        "flywheel.metadata.feature": "weather",
        "input.value": JSON.stringify({ question: "Weather in Paris?" }),
        "output.value": "It is 12°C",
      },
    });
    const ctx = trace.setSpan(ROOT_CONTEXT, root);
    const gen = p.tracer.startSpan(
      "chat gpt-4o",
      {
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.response.model": "gpt-4o-2024-08-06",
          "gen_ai.usage.input_tokens": 120,
          "gen_ai.usage.output_tokens": 18,
          "gen_ai.usage.cost": 0.0012,
          "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: "You are a weather bot." }]),
          "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "Weather in Paris?" }] }]),
          "gen_ai.output.messages": JSON.stringify([
            {
              role: "assistant",
              parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } }],
              finish_reason: "tool_call",
            },
          ]),
          "user.id": "user-42",
          "flywheel.tags": ["beta"],
        },
      },
      ctx,
    );
    gen.addEvent("gen_ai.first_token", { "flywheel.metadata.stream": "yes", "chunk.index": 1 });
    gen.end();
    const tool = p.tracer.startSpan(
      "execute_tool get_weather",
      { attributes: { "gen_ai.operation.name": "execute_tool", "flywheel.span_type": "SPAN", "user.id": "user-42" } },
      ctx,
    );
    tool.recordException(new Error("weather service down"));
    tool.setStatus({ code: SpanStatusCode.ERROR, message: "weather service down" });
    tool.end();
    const legacy = p.tracer.startSpan(
      "openai.chat",
      {
        attributes: {
          "gen_ai.system": "openai",
          "gen_ai.request.model": "gpt-4o-mini",
          "gen_ai.usage.prompt_tokens": 30,
          "gen_ai.usage.completion_tokens": 5,
          "gen_ai.prompt.0.role": "system",
          "gen_ai.prompt.0.content": "Be short.",
          "gen_ai.prompt.1.role": "user",
          "gen_ai.prompt.1.content": "Say hi",
          "gen_ai.completion.0.role": "assistant",
          "gen_ai.completion.0.content": "Hi!",
        },
      },
      ctx,
    );
    legacy.setStatus({ code: SpanStatusCode.OK });
    legacy.end();
    root.end();
    await p.flush();
    expect(p.results.map((r) => r.code)).toEqual([SUCCESS, SUCCESS, SUCCESS, SUCCESS]);
    sent = [...p.sent];
    for (const s of sent) ids[s.name] = s.spanContext().spanId;
    ids.trace = root.spanContext().traceId;
    await p.shutdown();
  });

  it("stores one row per span plus one EVENT row per span event", async () => {
    const { prisma } = await testDb();
    const rows = await prisma.span.findMany({ where: { appId: t.appId }, orderBy: { timestamp: "asc" } });
    // agent run, chat, its event, the tool span, its exception event, the legacy chat
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.traceId))).toEqual(new Set([ids.trace]));
    expect(rows.filter((r) => r.type === "EVENT").map((r) => r.spanName).sort()).toEqual(["exception", "gen_ai.first_token"]);
  });

  it("maps the GenAI attributes of a generation onto the span fields", async () => {
    const { prisma } = await testDb();
    const gen = await prisma.span.findFirstOrThrow({ where: { appId: t.appId, spanId: ids["chat gpt-4o"] } });
    expect(gen).toMatchObject({
      traceId: ids.trace,
      parentSpanId: ids["agent run"],
      type: "GENERATION",
      model: "gpt-4o",
      status: "STATUS_CODE_UNSET",
      inputTokens: 120,
      outputTokens: 18,
      cost: 0.0012,
      userId: "user-42",
      tags: ["beta"],
    });
    expect(gen.input).toEqual([
      { role: "system", content: "You are a weather bot." },
      { role: "user", content: "Weather in Paris?" },
    ]);
    expect(gen.output).toEqual([
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
      },
    ]);
    expect(gen.toolCalls).toEqual([{ id: "call_1", name: "get_weather", arguments: { city: "Paris" } }]);
    const attrs = gen.attributes as Record<string, unknown>;
    expect(attrs["gen_ai.response.model"]).toBe("gpt-4o-2024-08-06");
    expect(attrs["gen_ai.usage.input_tokens"]).toBe(120);
    expect(attrs["resource.telemetry.sdk.language"]).toBe("nodejs");
    expect(typeof attrs["resource.service.name"]).toBe("string");
  });

  it("keeps microsecond timestamps and the latency between them", async () => {
    const span = sent.find((s) => s.name === "chat gpt-4o")!;
    const stored = await storedMicros(t.appId, ids["chat gpt-4o"]);
    expect(stored.ts).toBe(isoMicros(span.startTime));
    expect(stored.end).toBe(isoMicros(span.endTime));
    const { prisma } = await testDb();
    const gen = await prisma.span.findFirstOrThrow({ where: { appId: t.appId, spanId: ids["chat gpt-4o"] } });
    expect(gen.latencyMs).toBeGreaterThanOrEqual(0);
    expect(gen.latencyMs).toBeCloseTo(span.duration[0] * 1000 + span.duration[1] / 1e6, 0);
  });

  it("reads the older indexed prompt/completion attributes", async () => {
    const { prisma } = await testDb();
    const legacy = await prisma.span.findFirstOrThrow({ where: { appId: t.appId, spanId: ids["openai.chat"] } });
    expect(legacy).toMatchObject({ type: "GENERATION", model: "gpt-4o-mini", inputTokens: 30, outputTokens: 5, status: "STATUS_CODE_OK" });
    expect(legacy.input).toEqual([
      { role: "system", content: "Be short." },
      { role: "user", content: "Say hi" },
    ]);
    expect(legacy.output).toEqual([{ role: "assistant", content: "Hi!" }]);
    expect(legacy.toolCalls).toBeNull();
  });

  it("stores the error status, the type override and the exception event", async () => {
    const { prisma } = await testDb();
    const tool = await prisma.span.findFirstOrThrow({ where: { appId: t.appId, spanId: ids["execute_tool get_weather"] } });
    expect(tool).toMatchObject({ type: "SPAN", status: "STATUS_CODE_ERROR", statusMessage: "weather service down" });
    const exception = await prisma.span.findFirstOrThrow({ where: { appId: t.appId, parentSpanId: tool.spanId, type: "EVENT" } });
    expect(exception.spanName).toBe("exception");
    expect(exception.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(exception.userId).toBe("user-42");
    expect((exception.metadata as Record<string, string>)["exception.message"]).toBe("weather service down");
    expect((exception.attributes as Record<string, unknown>)["exception.type"]).toBe("Error");
  });

  it("maps user, session, tags, metadata and input.value/output.value on a plain span", async () => {
    const { prisma } = await testDb();
    const root = await prisma.span.findFirstOrThrow({ where: { appId: t.appId, spanId: ids["agent run"] } });
    expect(root).toMatchObject({
      parentSpanId: null,
      type: "SPAN",
      model: null,
      userId: "user-42",
      sessionId: "sess-1",
      tags: ["beta", "checkout"],
      metadata: { feature: "weather" },
      input: { question: "Weather in Paris?" },
      output: "It is 12°C",
    });
    const event = await prisma.span.findFirstOrThrow({ where: { appId: t.appId, spanName: "gen_ai.first_token" } });
    expect(event).toMatchObject({ type: "EVENT", parentSpanId: ids["chat gpt-4o"], tags: ["beta"] });
    expect(event.metadata).toMatchObject({ stream: "yes", "chunk.index": "1" });
  });

  it("does not duplicate anything when the same batch is sent again", async () => {
    const before = await countSpans(t.appId);
    const p = otelPipeline(t);
    const result = await p.resend(sent);
    expect(result.code).toBe(SUCCESS);
    expect(await countSpans(t.appId)).toBe(before);
    await p.shutdown();
  });

  it("serves the ingested spans through GET /v1/traces/export", async () => {
    const rows = await exportRows(t);
    expect(rows).toHaveLength(6);
    const gen = rows.find((r) => r.span_id === ids["chat gpt-4o"])!;
    expect(gen).toMatchObject({
      trace_id: ids.trace,
      type: "GENERATION",
      model: "gpt-4o",
      user_id: "user-42",
      input_tokens: 120,
      output_tokens: 18,
      tool_calls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris" } }],
    });
    const errors = await exportRows(t, "&status=STATUS_CODE_ERROR");
    expect(errors.map((r) => r.span_id)).toEqual([ids["execute_tool get_weather"]]);
    const tagged = await exportRows(t, "&tag=checkout");
    expect(tagged.map((r) => r.span_id)).toEqual([ids["agent run"]]);
  });
});

// The same pipeline tests for both encodings: one table, so a rule cannot drift between them. protobuf
// runs gzipped, as most SDKs are configured in production; JSON plain (gzip is tested below and in
// otlp-proto-exporter.test.ts).
describe.each([
  { protocol: "json", gzip: false, label: "otlp" },
  { protocol: "protobuf", gzip: true, label: "proto" },
] as const)("the $protocol exporter", ({ protocol, gzip, label }) => {
  it("takes a BatchSpanProcessor's batches of up to 512 spans, losing none", async () => {
    const t = await makeTenancy(`${label}batch`);
    const p = otelPipeline(t, { batch: true, protocol, gzip });
    for (let i = 0; i < 1100; i++) {
      const s = p.tracer.startSpan(`step ${i}`, { attributes: { "gen_ai.request.model": i % 2 ? "m-odd" : "m-even", "flywheel.metadata.i": String(i) } });
      s.end();
    }
    await p.flush();
    await p.shutdown();
    expect(p.results.length).toBeGreaterThanOrEqual(3);
    expect(p.results.every((r) => r.code === SUCCESS)).toBe(true);
    expect(await countSpans(t.appId)).toBe(1100);
    const { prisma } = await testDb();
    expect(await prisma.span.count({ where: { appId: t.appId, model: "m-odd", type: "GENERATION" } })).toBe(550);
  });

  it("fails the export with 401 when the key is wrong", async () => {
    const t = await makeTenancy(`${label}auth`);
    const p = otelPipeline(t, { protocol, authorization: "Bearer fw_not_a_real_key" });
    p.tracer.startSpan("denied").end();
    // The SDK reports a failed export by rejecting the flush; the result itself is what is checked.
    await p.flush().catch(() => {});
    await p.shutdown().catch(() => {});
    expect(p.results).toHaveLength(1);
    expect(p.results[0].code).toBe(FAILED);
    expect((p.results[0].error as { code?: number }).code).toBe(401);
    expect(await countSpans(t.appId)).toBe(0);
  });
});

describe("exporter variants", () => {
  it("accepts gzip-compressed exports", async () => {
    const t = await makeTenancy("otlpgzip");
    const p = otelPipeline(t, { gzip: true });
    p.tracer.startSpan("compressed", { attributes: { "input.value": "x".repeat(20_000) } }).end();
    await p.flush();
    await p.shutdown();
    expect(p.results.map((r) => r.code)).toEqual([SUCCESS]);
    const { prisma } = await testDb();
    const row = await prisma.span.findFirstOrThrow({ where: { appId: t.appId } });
    expect(row.input).toBe("x".repeat(20_000));
  });
});
