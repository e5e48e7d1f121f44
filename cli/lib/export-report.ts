// The human side of an export, all on stderr: how many rows went out of how many, what was skipped
// and why, and how to fetch the next page.
import { info, shellQuote } from "./output";
import type { ExportFlags } from "./export-query";
import { isRelativeTime, resolveTime } from "./relative-time";
import type { ExportMeta } from "../../lib/core/export/trailer";

/** The same export, one page on: every flag as given, relative times pinned, the new cursor. */
export function nextPageCommand(flags: ExportFlags, cursor: string, now: Date): string {
  const args: string[] = ["flywheel", "export", "traces"];
  const add = (flag: string, value?: string) => {
    if (value !== undefined) args.push(flag, shellQuote(value));
  };
  // Relative times are pinned to this run's clock, so every page sees the same window.
  const pin = (v?: string) => (v !== undefined && isRelativeTime(v) ? resolveTime(v, now) : v);
  add("--format", flags.format);
  add("--app", flags.app);
  for (const s of flags.score ?? []) add("--score", s);
  add("--since", pin(flags.since));
  add("--until", pin(flags.until));
  add("--limit", flags.limit);
  add("--model", flags.model);
  add("--type", flags.type);
  add("--status", flags.status);
  add("--name", flags.name);
  add("--user-id", flags.userId);
  add("--tag", flags.tag);
  add("--metadata", flags.metadata);
  add("--min-score", flags.minScore);
  add("--max-score", flags.maxScore);
  if (flags.lightweight) args.push("--lightweight");
  add("--unit", flags.unit);
  if (flags.dedupe) args.push("--dedupe");
  add("--split", flags.split);
  add("--validation-fraction", flags.validationFraction);
  add("--max-tokens", flags.maxTokens);
  if (flags.redact) args.push("--redact");
  add("--base-url", flags.baseUrl);
  // Never echo a secret back into the terminal (or a CI log).
  if (flags.apiKey !== undefined) args.push("--api-key", "<key>");
  if (flags.output !== undefined) args.push("-o", "<next-file>");
  args.push("--cursor", shellQuote(cursor));
  return args.join(" ");
}

export function reportExport(meta: ExportMeta, opts: { flags: ExportFlags; file?: string; now: Date }): void {
  const total = meta.total ?? "?";
  const exported = meta.exported ?? "?";
  info(`Exported ${exported} of ${total} matching ${opts.flags.unit && opts.flags.unit !== "span" ? `${opts.flags.unit}s` : "rows"}${opts.file ? ` to ${opts.file}` : ""}.`);
  if (typeof meta.tokens === "number") info(`Tokens in the examples written: ${meta.tokens} (o200k_base, as OpenAI counts fine-tuning examples).`);
  if (meta.redactions) info(`Redacted: ${describeRedactions(meta.redactions)}.`);
  if (meta.skipped) {
    const reasons = Object.entries(meta.skip_reasons ?? {})
      .map(([reason, n]) => `${reason} ${n}`)
      .join(", ");
    info(`Skipped ${meta.skipped} row${meta.skipped === 1 ? "" : "s"}${reasons ? `: ${reasons}` : ""}.`);
  }
  if (meta.next_cursor) {
    info(`Next cursor: ${meta.next_cursor}`);
    info(`More rows remain. Next page: ${nextPageCommand(opts.flags, meta.next_cursor, opts.now)}`);
  } else {
    info("No more rows (next cursor: none).");
  }
}

/** `3 email, 1 phone`, or `nothing found`. */
export function describeRedactions(r: Record<string, number>): string {
  const parts = Object.entries(r).map(([kind, n]) => `${n} ${kind}`);
  return parts.length ? parts.join(", ") : "nothing found";
}
