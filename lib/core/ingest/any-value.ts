// OTLP AnyValue → plain JSON. Attributes are stored as a flat key → value object (docs/data-model.md),
// so every value type must land on something JSON can hold.
import type { OtlpAnyValue, OtlpKeyValue } from "./otlp-schema";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export function anyValueToJson(v: OtlpAnyValue | null | undefined): JsonValue {
  if (!v) return null;
  if (v.stringValue != null) return v.stringValue;
  if (v.boolValue != null) return v.boolValue;
  if (v.intValue != null) return intToJson(v.intValue);
  if (v.doubleValue != null) return doubleToJson(v.doubleValue);
  if (v.arrayValue != null) return (v.arrayValue.values ?? []).map(anyValueToJson);
  if (v.kvlistValue != null) return keyValuesToObject(v.kvlistValue.values);
  // Bytes stay base64, as they travelled: JSON has no byte type.
  if (v.bytesValue != null) return v.bytesValue;
  return null;
}

/** int64 → number when it fits exactly, else its decimal string (never a silently rounded number). */
function intToJson(v: string | number): JsonValue {
  if (typeof v === "number") return Number.isFinite(v) ? Math.trunc(v) : null;
  const text = v.trim();
  if (!/^-?\d+$/.test(text)) return text;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/** NaN and ±Infinity have no JSON number: keep them as the strings the JSON mapping uses. */
function doubleToJson(v: number | string): JsonValue {
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : String(v);
}

export function keyValuesToObject(list: OtlpKeyValue[] | null | undefined): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const kv of list ?? []) out[kv.key] = anyValueToJson(kv.value);
  return out;
}
