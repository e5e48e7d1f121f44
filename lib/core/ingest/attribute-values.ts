// Reading single attribute values the way every convention needs them: text, token counts, numbers,
// and `input.value`-style content. One set of rules, so a token count means the same whichever
// convention carried it.
import type { JsonValue } from "./any-value";
import { parseMaybeJson } from "./chat-messages";

const INT4_MAX = 2_147_483_647;

/** Text of a value, trimmed; null when absent or blank (objects as JSON text). */
export function nonEmptyString(v: JsonValue | undefined): string | null {
  if (v == null) return null;
  const s = (typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v)).trim();
  return s ? s : null;
}

/** Token counts: whole numbers that fit the integer column; anything else is left in attributes only. */
export function tokenCount(...values: (JsonValue | undefined)[]): number | null {
  for (const v of values) {
    const n = typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= INT4_MAX) return n;
  }
  return null;
}

export function finiteNumber(v: JsonValue | undefined): number | null {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

/** `input.value` / `output.value` and the like: JSON when the text parses as JSON, the raw string otherwise. */
export function plainValue(v: JsonValue | undefined): JsonValue | null {
  if (v == null) return null;
  return parseMaybeJson(v) as JsonValue;
}

/** A JSON object given as an object or as JSON text; undefined for anything else. */
export function objectValue(v: JsonValue | undefined): { [key: string]: JsonValue } | undefined {
  const parsed = typeof v === "string" ? parseMaybeJson(v) : v;
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as { [key: string]: JsonValue }) : undefined;
}

/** A list given as an array or as a JSON array in text; undefined for anything else. */
export function listValue(v: JsonValue | undefined): JsonValue[] | undefined {
  const parsed = typeof v === "string" ? parseMaybeJson(v) : v;
  return Array.isArray(parsed) ? (parsed as JsonValue[]) : undefined;
}

/** Every key that starts with `prefix` (the flattened attributes of one list or map). */
export function keysWithPrefix(attrs: Record<string, JsonValue>, prefix: string): string[] {
  return Object.keys(attrs).filter((k) => k.startsWith(prefix));
}

/** `<prefix><key>` attributes as a string map (non-string values as JSON text), in attribute order. */
export function prefixedMap(attrs: Record<string, JsonValue>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (key.length > prefix.length && key.startsWith(prefix) && value != null) {
      out[key.slice(prefix.length)] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return out;
}
