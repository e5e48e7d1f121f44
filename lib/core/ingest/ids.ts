// Trace and span ids. The JS exporter sends lowercase hex in JSON; the OTLP JSON mapping proper
// (and some other SDKs) sends base64 of the raw bytes. Both are stored as lowercase hex.

const TRACE_ID_BYTES = 16;
const SPAN_ID_BYTES = 8;

/**
 * Normalises an id to lowercase hex, or returns undefined when it is neither valid hex of the right
 * length nor base64 of the right byte count. All-zero ids are invalid per the W3C trace context.
 */
export function normaliseId(raw: string | null | undefined, bytes: number): string | undefined {
  if (raw == null) return undefined;
  const text = raw.trim();
  let hex: string | undefined;
  if (text.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(text)) {
    hex = text.toLowerCase();
  } else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const buf = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (buf.length === bytes) hex = buf.toString("hex");
  }
  if (!hex || /^0+$/.test(hex)) return undefined;
  return hex;
}

export const normaliseTraceId = (raw: string | null | undefined) => normaliseId(raw, TRACE_ID_BYTES);
export const normaliseSpanId = (raw: string | null | undefined) => normaliseId(raw, SPAN_ID_BYTES);

/** The parent span id is optional: empty or absent means a root span. */
export function normaliseParentSpanId(raw: string | null | undefined): string | null | undefined {
  if (raw == null || raw.trim() === "") return null;
  return normaliseSpanId(raw);
}
