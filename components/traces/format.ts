// Display formatting for the Traces page: compact, locale-aware, and never throwing on odd values.
import type { ChipTone } from "@/components/ui/chip";

const timeFmt = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "medium" });
const intFmt = new Intl.NumberFormat();

export function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : timeFmt.format(d);
}

export function formatFullTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : fullFmt.format(d);
}

export function formatLatency(ms: number | null): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

export function formatInt(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : intFmt.format(n);
}

export function formatCost(cost: number | null): string {
  if (cost === null || cost === undefined) return "—";
  if (cost === 0) return "$0";
  return cost < 0.01 ? `$${cost.toFixed(5)}` : `$${cost.toFixed(4)}`;
}

/** Scores are usually 0–1 or small integers; three significant decimals read well for both. */
export function formatScore(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 2 : 1);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

export const TYPE_TONE: Record<string, ChipTone> = { GENERATION: "violet", SPAN: "slate", EVENT: "sky" };

export const STATUS_LABEL: Record<string, string> = {
  STATUS_CODE_OK: "OK",
  STATUS_CODE_ERROR: "Error",
  STATUS_CODE_UNSET: "Unset",
};
export const STATUS_DOT: Record<string, string> = {
  STATUS_CODE_OK: "bg-emerald-500",
  STATUS_CODE_ERROR: "bg-red-500",
  STATUS_CODE_UNSET: "bg-slate-300",
};

/** A value for an <input type="datetime-local"> (local time, minutes) from an ISO string. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO string (UTC) for a datetime-local value, read as the user's local time. */
export function fromLocalInput(value: string): string {
  if (!value) return "";
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}
