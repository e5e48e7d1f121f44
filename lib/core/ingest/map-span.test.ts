// One OTLP span → span row(s): type inference, Flywheel keys, status, events, rejections.
import { describe, expect, it } from "vitest";
import { decodeExportRequest } from "./decode-request";
import { eventSpanId } from "./map-event";
import { mapSpan, statusOf } from "./map-span";
import type { OtlpKeyValue, OtlpSpan } from "./otlp-schema";
import { AppError } from "../errors";

const TRACE = "5b8efff798038103d269b633813fc60c";
const SPAN = "eee19b7ec3c1b174";
const str = (key: string, stringValue: string): OtlpKeyValue => ({ key, value: { stringValue } });

function span(over: Partial<OtlpSpan> = {}): OtlpSpan {
  return {
    traceId: TRACE,
    spanId: SPAN,
    name: "step",
    startTimeUnixNano: "1767225600000000000",
    endTimeUnixNano: "1767225600250000000",
    attributes: [],
    ...over,
  };
}

function rowsOf(s: OtlpSpan, resource = {}) {
  const r = mapSpan(s, resource);
  if (!r.ok) throw new Error(r.reason);
  return r.rows;
}

describe("mapSpan", () => {
  it("maps a plain span: times, latency, SPAN type, input.value parsed as JSON", () => {
    const [row] = rowsOf(span({ attributes: [str("input.value", '{"q":"x"}'), str("output.value", "plain text")] }));
    expect(row).toMatchObject({
      trace_id: TRACE,
      span_id: SPAN,
      parent_span_id: null,
      span_name: "step",
      type: "SPAN",
      model: null,
      status: "STATUS_CODE_UNSET",
      timestamp: "2026-01-01T00:00:00.000000Z",
      end_time: "2026-01-01T00:00:00.250000Z",
      latency_ms: 250,
      input: { q: "x" },
      output: "plain text",
      tool_calls: null,
    });
  });

  it("makes a GENERATION from a model or a gen_ai operation, and honours flywheel.span_type", () => {
    expect(rowsOf(span({ attributes: [str("gen_ai.request.model", "m")] }))[0].type).toBe("GENERATION");
    expect(rowsOf(span({ attributes: [str("gen_ai.operation.name", "chat")] }))[0].type).toBe("GENERATION");
    expect(rowsOf(span({ attributes: [str("gen_ai.request.model", "m"), str("flywheel.span_type", "span")] }))[0].type).toBe("SPAN");
    expect(rowsOf(span({ attributes: [str("flywheel.span_type", "nonsense")] }))[0].type).toBe("SPAN");
  });

  it("reads user, session, tags and metadata, with resource attributes as defaults", () => {
    const [row] = rowsOf(
      span({
        attributes: [
          str("user.id", "u-1"),
          { key: "flywheel.tags", value: { arrayValue: { values: [{ stringValue: "beta" }, { stringValue: "prod" }] } } },
          str("flywheel.metadata.feature", "search"),
          { key: "flywheel.metadata.attempt", value: { intValue: "2" } },
        ],
      }),
      { "session.id": "s-9", "flywheel.tags": ["prod"], "flywheel.metadata.feature": "default", "service.name": "svc" },
    );
    expect(row.user_id).toBe("u-1");
    expect(row.session_id).toBe("s-9");
    expect(row.tags).toEqual(["prod", "beta"]);
    expect(row.metadata).toEqual({ feature: "search", attempt: "2" });
    expect(row.attributes["resource.service.name"]).toBe("svc");
    expect(row.attributes["user.id"]).toBe("u-1");
  });

  it("maps status codes given as numbers or names, with the message", () => {
    expect(rowsOf(span({ status: { code: 2, message: "boom" } }))[0]).toMatchObject({ status: "STATUS_CODE_ERROR", status_message: "boom" });
    expect(statusOf("STATUS_CODE_OK")).toBe("STATUS_CODE_OK");
    expect(statusOf(1)).toBe("STATUS_CODE_OK");
    expect(statusOf(undefined)).toBe("STATUS_CODE_UNSET");
  });

  it("turns each event into an EVENT row with a deterministic id", () => {
    const rows = rowsOf(
      span({
        attributes: [str("user.id", "u-2"), str("flywheel.metadata.env", "dev")],
        events: [
          { name: "exception", timeUnixNano: "1767225600100000500", attributes: [str("exception.message", "bad")] },
          { name: "", attributes: [] },
        ],
      }),
    );
    expect(rows).toHaveLength(3);
    const [, ev, ev2] = rows;
    expect(ev).toMatchObject({
      trace_id: TRACE,
      span_id: eventSpanId(TRACE, SPAN, 0),
      parent_span_id: SPAN,
      span_name: "exception",
      type: "EVENT",
      timestamp: "2026-01-01T00:00:00.100000Z",
      user_id: "u-2",
      metadata: { env: "dev", "exception.message": "bad" },
      attributes: { "exception.message": "bad" },
    });
    expect(ev.span_id).toMatch(/^[0-9a-f]{16}$/);
    expect(ev2.span_name).toBe("event");
    expect(ev2.timestamp).toBe(rows[0].timestamp);
    expect(ev2.span_id).not.toBe(ev.span_id);
    // the same span sent again derives the same event ids
    expect(eventSpanId(TRACE, SPAN, 0)).toBe(ev.span_id);
  });

  it("rejects bad ids and bad timestamps with a reason", () => {
    const reasons = [
      mapSpan(span({ traceId: "xyz" }), {}),
      mapSpan(span({ spanId: undefined }), {}),
      mapSpan(span({ parentSpanId: "123" }), {}),
      mapSpan(span({ startTimeUnixNano: "0" }), {}),
      mapSpan(span({ endTimeUnixNano: "soon" }), {}),
      mapSpan(span({ endTimeUnixNano: "1767225599000000000" }), {}),
    ].map((r) => (r.ok ? "accepted" : r.reason));
    expect(reasons[0]).toMatch(/traceId/);
    expect(reasons[1]).toMatch(/spanId/);
    expect(reasons[2]).toMatch(/parentSpanId/);
    expect(reasons[3]).toMatch(/startTimeUnixNano/);
    expect(reasons[4]).toMatch(/endTimeUnixNano/);
    expect(reasons[5]).toMatch(/before/);
  });

  it("keeps a span without an end time, with no latency", () => {
    const [row] = rowsOf(span({ endTimeUnixNano: "0" }));
    expect(row.end_time).toBeNull();
    expect(row.latency_ms).toBeNull();
  });
});

describe("decodeExportRequest", () => {
  it("counts accepted and rejected spans and keeps the last copy of a repeated span", () => {
    const decoded = decodeExportRequest({
      resourceSpans: [
        {
          resource: { attributes: [str("service.name", "svc")] },
          scopeSpans: [{ spans: [span({ name: "first" }), span({ name: "second" }), span({ traceId: "bad" })] }],
        },
      ],
    });
    expect(decoded.acceptedSpans).toBe(2);
    expect(decoded.rejectedSpans).toBe(1);
    expect(decoded.rejections[0]).toMatch(/^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[2\]: traceId/);
    expect(decoded.rows.map((r) => r.span_name)).toEqual(["second"]);
  });

  it("accepts an empty request", () => {
    expect(decodeExportRequest({}).rows).toEqual([]);
    expect(decodeExportRequest({ resourceSpans: [] }).acceptedSpans).toBe(0);
  });

  it("throws a 400 naming the path for a body of the wrong shape", () => {
    const err = (() => {
      try {
        decodeExportRequest({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 7 }] }] }] });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).invalidParams[0].name).toBe("resourceSpans.0.scopeSpans.0.spans.0.traceId");
    expect(() => decodeExportRequest([1, 2])).toThrow(AppError);
    expect(() => decodeExportRequest({ resourceSpans: "x" })).toThrow(AppError);
  });
});
