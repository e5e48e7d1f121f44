// POST /v1/traces fed by the official OpenTelemetry JS exporters in both OTLP/HTTP encodings — protobuf
// (@opentelemetry/exporter-trace-otlp-proto, the encoding most SDKs default to) and JSON — with the
// same spans, gzip on and off, read back through GET /v1/traces/export; and the exporters configured
// only by the standard environment variables, as an application deployed next to Flywheel would be.
// (The BatchSpanProcessor and wrong-key tests of both encodings are one table in otlp-exporter.test.ts.)
import { ROOT_CONTEXT, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, makeTenancy, testDb, type Tenancy } from "../fixtures";
import { authHeaders, type ExportResult } from "./otel";

const SUCCESS = 0;

/** Spans made by the SDK: a generation with messages and tokens, a failed tool call, a plain root. */
function makeSpans(): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
  const tracer = provider.getTracer("flywheel-proto-test", "1.0.0");
  const root = tracer.startSpan("agent run", {
    attributes: {
      "user.id": "user-7",
      "session.id": "sess-7",
      "flywheel.tags": ["proto", "beta"],
      "flywheel.metadata.feature": "weather",
      "input.value": JSON.stringify({ question: "Weather in Oslo?" }),
      "output.value": "Rain, 4°C",
      ratio: 0.5,
      count: 3,
      flag: true,
    },
  });
  const ctx = trace.setSpan(ROOT_CONTEXT, root);
  const gen = tracer.startSpan(
    "chat gpt-4o",
    {
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.usage.input_tokens": 120,
        "gen_ai.usage.output_tokens": 18,
        "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: "You are a weather bot." }]),
        "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: "Weather in Oslo? ünï 🎉" }] }]),
        "gen_ai.output.messages": JSON.stringify([
          { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "get_weather", arguments: { city: "Oslo" } }] },
        ]),
        "user.id": "user-7",
      },
    },
    ctx,
  );
  gen.addEvent("gen_ai.first_token", { "chunk.index": 1 });
  gen.end();
  const tool = tracer.startSpan("execute_tool get_weather", { attributes: { "flywheel.span_type": "SPAN" } }, ctx);
  tool.recordException(new Error("weather service down"));
  tool.setStatus({ code: SpanStatusCode.ERROR, message: "weather service down" });
  tool.end();
  root.end();
  return memory.getFinishedSpans();
}

function send(exporter: SpanExporter, spans: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(spans, resolve));
}

function exporterFor(protocol: "json" | "protobuf", t: Tenancy, gzip = false): SpanExporter {
  const config = {
    url: `${baseUrl()}/v1/traces`,
    headers: { Authorization: `Bearer ${t.apiKey}`, "X-App-Id": t.appId },
    compression: (gzip ? "gzip" : "none") as never,
    timeoutMillis: 60_000,
  };
  return protocol === "protobuf" ? new ProtoExporter(config) : new JsonExporter(config);
}

async function exportRows(t: Tenancy, query = ""): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${baseUrl()}/v1/traces/export?limit=2000${query}`, { headers: authHeaders(t) });
  expect(res.status).toBe(200);
  const lines = (await res.text()).split("\n").filter((l) => l.trim());
  expect(JSON.parse(lines.at(-1)!)).toHaveProperty("_export_meta");
  return lines
    .slice(0, -1)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .sort((a, b) => String(a.span_id).localeCompare(String(b.span_id)));
}

async function countSpans(appId: string): Promise<number> {
  const { prisma } = await testDb();
  return prisma.span.count({ where: { appId } });
}

describe("the official protobuf and JSON exporters, side by side", () => {
  const spans = makeSpans();
  const ids = Object.fromEntries(spans.map((s) => [s.name, s.spanContext().spanId]));
  const apps: Record<string, Tenancy> = {};

  beforeAll(async () => {
    for (const variant of ["protobuf", "protobuf-gzip", "json", "json-gzip"]) apps[variant] = await makeTenancy(`exp${variant.replace("-", "")}`);
    const results = await Promise.all([
      send(exporterFor("protobuf", apps.protobuf), spans),
      send(exporterFor("protobuf", apps["protobuf-gzip"], true), spans),
      send(exporterFor("json", apps.json), spans),
      send(exporterFor("json", apps["json-gzip"], true), spans),
    ]);
    expect(results.map((r) => [r.code, r.error?.message])).toEqual(results.map(() => [SUCCESS, undefined]));
  });

  it("stores every span and event from the protobuf exporter, gzip on and off", async () => {
    // agent run, chat, its event, the tool span, its exception event
    expect(await countSpans(apps.protobuf.appId)).toBe(5);
    expect(await countSpans(apps["protobuf-gzip"].appId)).toBe(5);
  });

  it("exports the same rows whichever encoding and compression brought the spans", async () => {
    const fromProto = await exportRows(apps.protobuf);
    expect(fromProto).toHaveLength(5);
    expect(await exportRows(apps["protobuf-gzip"])).toEqual(fromProto);
    expect(await exportRows(apps.json)).toEqual(fromProto);
    expect(await exportRows(apps["json-gzip"])).toEqual(fromProto);
  });

  it("maps what the protobuf exporter sent onto the span fields", async () => {
    const rows = await exportRows(apps.protobuf);
    const gen = rows.find((r) => r.span_id === ids["chat gpt-4o"])!;
    expect(gen).toMatchObject({
      trace_id: spans[0].spanContext().traceId,
      type: "GENERATION",
      model: "gpt-4o",
      user_id: "user-7",
      input_tokens: 120,
      output_tokens: 18,
      input: [
        { role: "system", content: "You are a weather bot." },
        { role: "user", content: "Weather in Oslo? ünï 🎉" },
      ],
      tool_calls: [{ id: "call_1", name: "get_weather", arguments: { city: "Oslo" } }],
    });
    const root = rows.find((r) => r.span_id === ids["agent run"])!;
    expect(root).toMatchObject({
      type: "SPAN",
      user_id: "user-7",
      tags: ["proto", "beta"],
      metadata: { feature: "weather" },
      input: { question: "Weather in Oslo?" },
      output: "Rain, 4°C",
    });
    const errors = await exportRows(apps.protobuf, "&status=STATUS_CODE_ERROR");
    expect(errors.map((r) => r.span_id)).toEqual([ids["execute_tool get_weather"]]);
    const { prisma } = await testDb();
    const stored = await prisma.span.findFirstOrThrow({ where: { appId: apps.protobuf.appId, spanId: ids["agent run"] } });
    expect(stored.attributes).toMatchObject({ ratio: 0.5, count: 3, flag: true, "resource.telemetry.sdk.language": "nodejs" });
  });

  it("keeps the exporter's timestamps to the microsecond", async () => {
    const { prisma } = await testDb();
    const [a, b] = await Promise.all(
      [apps.protobuf, apps.json].map((t) => prisma.span.findFirstOrThrow({ where: { appId: t.appId, spanId: ids["chat gpt-4o"] } })),
    );
    expect(a.timestamp.getTime()).toBe(b.timestamp.getTime());
    expect(a.latencyMs).toBe(b.latencyMs);
    const [sec, nanos] = spans.find((s) => s.name === "chat gpt-4o")!.startTime;
    expect(a.timestamp.getTime()).toBe(sec * 1000 + Math.floor(nanos / 1e6));
  });

  it("stores nothing twice when the protobuf exporter sends the same batch again", async () => {
    const result = await send(exporterFor("protobuf", apps.protobuf), spans);
    expect(result.code).toBe(SUCCESS);
    expect(await countSpans(apps.protobuf.appId)).toBe(5);
    // And a batch first sent as JSON, then as protobuf, is still one row per span.
    expect((await send(exporterFor("protobuf", apps.json), spans)).code).toBe(SUCCESS);
    expect(await countSpans(apps.json.appId)).toBe(5);
  });
});

describe("exporters configured only by environment variables", () => {
  const VARS = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_HEADERS"];
  const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
  afterEach(() => {
    for (const v of VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
  });

  it("reach /v1/traces from OTEL_EXPORTER_OTLP_ENDPOINT=<server> and OTEL_EXPORTER_OTLP_HEADERS", async () => {
    const [tp, tj] = [await makeTenancy("envproto"), await makeTenancy("envjson")];
    const spans = makeSpans();
    for (const [t, Exporter] of [
      [tp, ProtoExporter],
      [tj, JsonExporter],
    ] as const) {
      for (const v of VARS) delete process.env[v];
      // The base URL only, as a deployment sets it: the SDK appends /v1/traces itself. Header values are
      // percent-encoded (the OTel spec's format for this variable), so the space after Bearer is %20.
      process.env.OTEL_EXPORTER_OTLP_ENDPOINT = baseUrl();
      process.env.OTEL_EXPORTER_OTLP_HEADERS = `Authorization=Bearer%20${t.apiKey},X-App-Id=${t.appId}`;
      // The exporters read the environment when they are constructed.
      const exporter = new Exporter();
      const result = await send(exporter, spans);
      await exporter.shutdown();
      expect([result.code, result.error?.message]).toEqual([SUCCESS, undefined]);
      expect(await countSpans(t.appId)).toBe(5);
    }
  });
});
