// Plain values → OTLP attributes in the JSON encoding, as an exporter writes them: the reverse of
// any-value.ts. For code that produces spans in-process: the demo, which sends its instrumented
// spans through the same mapper as ingest, and the tests' fixtures.
import type { OtlpAnyValue, OtlpKeyValue } from "./otlp-schema";

/** What an SDK's setAttribute takes: a string, number or boolean, or a list of strings. */
export type AttributeValue = string | number | boolean | string[];
export type AttributeMap = Record<string, AttributeValue>;

function anyValue(v: AttributeValue): OtlpAnyValue {
  if (Array.isArray(v)) return { arrayValue: { values: v.map((s) => ({ stringValue: s })) } };
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

export function otlpAttributes(attributes: AttributeMap): OtlpKeyValue[] {
  return Object.entries(attributes).map(([key, v]) => ({ key, value: anyValue(v) }));
}
