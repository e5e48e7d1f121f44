// Replacing what the detectors find with typed placeholders, and counting by kind. Text, and the
// string values (never the keys) of nested JSON values, as input, output and metadata hold them.
import { confirm, detectorRegex, PLACEHOLDER, type RedactionKind } from "./detectors";

export type RedactionCounts = Partial<Record<RedactionKind, number>>;

const DETECT = detectorRegex();

/** The text with every confirmed finding replaced, counted into `counts`. */
export function redactText(text: string, counts: RedactionCounts): string {
  DETECT.lastIndex = 0;
  return text.replace(DETECT, (...args) => {
    const groups = args[args.length - 1] as Record<string, string | undefined>;
    const at = args[args.length - 3] as number;
    const match = args[0] as string;
    const kind = confirm(groups, text, at);
    if (!kind) return match;
    counts[kind] = (counts[kind] ?? 0) + 1;
    return PLACEHOLDER[kind];
  });
}

/** True when the text holds at least one finding (nothing is counted). */
export function hasFinding(text: string): boolean {
  DETECT.lastIndex = 0;
  for (let m = DETECT.exec(text); m; m = DETECT.exec(text)) {
    if (confirm(m.groups ?? {}, text, m.index)) return true;
    if (m[0].length === 0) DETECT.lastIndex++;
  }
  return false;
}

/** A JSON value with every string value redacted (object keys are left as they are). */
export function redactValue(value: unknown, counts: RedactionCounts): unknown {
  if (typeof value === "string") return redactText(value, counts);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, counts));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, counts);
    return out;
  }
  return value;
}

/** Adds `more` into `into`. */
export function addCounts(into: RedactionCounts, more: RedactionCounts): void {
  for (const [k, n] of Object.entries(more) as [RedactionKind, number][]) into[k] = (into[k] ?? 0) + n;
}
