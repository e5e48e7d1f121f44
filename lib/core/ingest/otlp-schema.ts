// The shape of an OTLP/HTTP JSON ExportTraceServiceRequest, as the official exporters send it
// (protobuf's JSON mapping: lowerCamelCase keys, int64 as string or number, ids as hex or base64).
// A body that does not fit this shape is undecodable → 400. Semantic problems inside one span
// (a bad id, a bad timestamp) are not shape errors: that span alone is rejected (partial success).
import { z } from "zod";

/** int64/uint64 fields: protobuf's JSON mapping allows a decimal string or a number. */
const int64 = z.union([z.string(), z.number()]);

export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue | null;
}

export interface OtlpAnyValue {
  stringValue?: string | null;
  boolValue?: boolean | null;
  intValue?: string | number | null;
  doubleValue?: number | string | null;
  arrayValue?: { values?: OtlpAnyValue[] | null } | null;
  kvlistValue?: { values?: OtlpKeyValue[] | null } | null;
  bytesValue?: string | null;
}

export const anyValueSchema: z.ZodType<OtlpAnyValue> = z.lazy(() =>
  z.object({
    stringValue: z.string().nullish(),
    boolValue: z.boolean().nullish(),
    intValue: int64.nullish(),
    // "NaN", "Infinity" and "-Infinity" travel as strings in JSON.
    doubleValue: z.union([z.number(), z.string()]).nullish(),
    arrayValue: z.object({ values: z.array(anyValueSchema).nullish() }).nullish(),
    kvlistValue: z.object({ values: z.array(keyValueSchema).nullish() }).nullish(),
    bytesValue: z.string().nullish(),
  }),
);

export const keyValueSchema: z.ZodType<OtlpKeyValue> = z.lazy(() =>
  z.object({ key: z.string(), value: anyValueSchema.nullish() }),
);

const attributes = z.array(keyValueSchema).nullish();

const eventSchema = z.object({
  timeUnixNano: int64.nullish(),
  name: z.string().nullish(),
  attributes,
});

// Status codes: the enum's number, or its name (the protobuf JSON mapping allows both).
const statusSchema = z.object({
  code: z.union([z.number(), z.string()]).nullish(),
  message: z.string().nullish(),
});

export const spanSchema = z.object({
  traceId: z.string().nullish(),
  spanId: z.string().nullish(),
  parentSpanId: z.string().nullish(),
  name: z.string().nullish(),
  kind: z.union([z.number(), z.string()]).nullish(),
  startTimeUnixNano: int64.nullish(),
  endTimeUnixNano: int64.nullish(),
  attributes,
  events: z.array(eventSchema).nullish(),
  status: statusSchema.nullish(),
});

const scopeSpansSchema = z.object({
  scope: z.object({ name: z.string().nullish(), version: z.string().nullish() }).nullish(),
  spans: z.array(spanSchema).nullish(),
});

export const exportRequestSchema = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes }).nullish(),
        scopeSpans: z.array(scopeSpansSchema).nullish(),
      }),
    )
    .nullish(),
});

export type OtlpSpan = z.infer<typeof spanSchema>;
export type OtlpEvent = z.infer<typeof eventSchema>;
export type OtlpExportRequest = z.infer<typeof exportRequestSchema>;
