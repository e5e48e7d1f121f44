// --since / --until accept ISO 8601 (passed through for the shared filter schema to validate) or a
// duration before now: 45s, 30m (minutes), 24h, 7d, 2w; and "now". Resolved here, on the client,
// to an absolute UTC time, because the export API only speaks ISO 8601.
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const RELATIVE_RE = /^\s*(\d+)\s*([smhdw])\s*$/i;

export const TIME_FORMS = "an ISO 8601 date or date-time (2026-11-01, 2026-11-01T12:00:00Z) or a duration before now (30m, 24h, 7d, 2w)";

/** Returns an ISO string for a relative form, or the text unchanged (ISO is validated downstream). */
export function resolveTime(text: string, now: Date): string {
  if (/^\s*now\s*$/i.test(text)) return now.toISOString();
  const m = RELATIVE_RE.exec(text);
  if (!m) return text.trim();
  return new Date(now.getTime() - Number(m[1]) * UNIT_MS[m[2].toLowerCase()]).toISOString();
}

export function isRelativeTime(text: string): boolean {
  return RELATIVE_RE.test(text) || /^\s*now\s*$/i.test(text);
}
