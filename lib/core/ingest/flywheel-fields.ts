// Flywheel's own attribute keys and the common identity keys (docs/ingest.md): user.id, session.id,
// flywheel.tags, flywheel.metadata.<key>, flywheel.span_type. Resource attributes count as defaults
// for every span of the resource; the span's own attributes win.
import type { JsonValue } from "./any-value";
import { asText, parseMaybeJson } from "./chat-messages";
import { nonEmptyString } from "./attribute-values";
import { SPAN_TYPES, type SpanType } from "../filters";

type Attrs = Record<string, JsonValue>;

export const METADATA_PREFIX = "flywheel.metadata.";

/** The span's value for a key, else the resource's. */
export function pick(key: string, span: Attrs, resource: Attrs): JsonValue | undefined {
  return span[key] ?? resource[key] ?? undefined;
}

function metadataFrom(attrs: Attrs, into: Record<string, string>) {
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith(METADATA_PREFIX) && key.length > METADATA_PREFIX.length && value != null) {
      into[key.slice(METADATA_PREFIX.length)] = asText(value);
    }
  }
}

export function metadataOf(span: Attrs, resource: Attrs): Record<string, string> {
  const out: Record<string, string> = {};
  metadataFrom(resource, out);
  metadataFrom(span, out);
  return out;
}

function tagList(v: JsonValue | undefined): string[] {
  if (v == null) return [];
  // A JSON array in a string attribute is accepted too, for SDKs that cannot set array attributes.
  const value = typeof v === "string" ? parseMaybeJson(v) : v;
  const list = Array.isArray(value) ? value : [v];
  return list.filter((t) => t != null && t !== "").map((t) => asText(t));
}

/** Resource tags and span tags together, each once, in order of appearance. */
export function tagsOf(span: Attrs, resource: Attrs): string[] {
  return [...new Set([...tagList(resource["flywheel.tags"]), ...tagList(span["flywheel.tags"])])];
}

export function userIdOf(span: Attrs, resource: Attrs): string | null {
  return nonEmptyString(pick("user.id", span, resource));
}

/** session.id (a convention's session, e.g. gen_ai.conversation.id, fills in: map-span.ts). */
export function sessionIdOf(span: Attrs, resource: Attrs): string | null {
  return nonEmptyString(pick("session.id", span, resource));
}

/** Only the span's own attribute: a type describes one span, never a whole resource. */
export function spanTypeOverride(span: Attrs): SpanType | undefined {
  const v = nonEmptyString(span["flywheel.span_type"])?.toUpperCase();
  return SPAN_TYPES.find((t) => t === v);
}
