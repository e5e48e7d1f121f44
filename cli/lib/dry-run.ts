// `--dry-run`: one small page (limit ≤ 5) with the same filters, to learn the true number of matching
// rows (the trailer's `total`, or X-Export-Total for CSV) and show a few rows. Writes no file and
// nothing on stdout. It is a real export request, so it counts against the tenant's rate limit.
import Papa from "papaparse";
import type { ExportQuery } from "../../lib/core/filters";
import { unavailable } from "./cli-error";
import { info } from "./output";
import { metaFromHeaders, parseTrailer, type ExportMeta } from "../../lib/core/export/trailer";
import { describeRedactions } from "./export-report";
import { TrailerSplitter } from "./trailer";

export const DRY_RUN_ROWS = 5;

const clip = (s: string, n = 100) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function summariseRow(row: Record<string, unknown>): string {
  if (Array.isArray(row.messages)) {
    const msgs = row.messages as { role?: string; content?: unknown }[];
    const roles = msgs.map((m) => m.role).join(" → ");
    const user = msgs.find((m) => m.role === "user");
    return `${roles}  ${clip(JSON.stringify(user?.content ?? ""), 80)}`;
  }
  const parts = [row.timestamp, row.type, row.model ?? "-", JSON.stringify(row.span_name ?? "")];
  if (row.user_id) parts.push(`user=${row.user_id}`);
  if (Array.isArray(row.tags) && row.tags.length) parts.push(`tags=${row.tags.join(",")}`);
  if (row.scores && typeof row.scores === "object" && Object.keys(row.scores).length) {
    const scores = Object.entries(row.scores as Record<string, unknown>).map(([k, v]) => {
      const value = v && typeof v === "object" && "value" in v ? (v as { value: unknown }).value : v;
      return `${k}=${value}`;
    });
    parts.push(`scores: ${scores.join(" ")}`);
  }
  return parts.join("  ");
}

function parseBody(text: string, format: ExportQuery["format"], headers: Headers): { meta?: ExportMeta; sample: string[] } {
  if (format === "csv") {
    const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
    const [header = [], ...data] = rows;
    const sample = data.map((r) => clip(r.map((cell, i) => `${header[i] ?? i}=${clip(cell.replace(/\s+/g, " "), 40)}`).slice(0, 6).join("  "), 160));
    return { meta: metaFromHeaders(headers), sample };
  }
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const meta = lines.length ? parseTrailer(lines[lines.length - 1]) : undefined;
  const sample = lines.slice(0, meta ? -1 : undefined).map((l) => {
    try {
      return clip(summariseRow(JSON.parse(l)), 160);
    } catch {
      return clip(l, 160);
    }
  });
  return { meta, sample };
}

/** The filters in force, defaults included, as the server will apply them. */
export function describeFilters(q: ExportQuery, appId: string): string {
  const parts = [`app=${appId}`, `format=${q.format}`, `since=${q.startDate.toISOString()}`, `until=${q.endDate.toISOString()}`];
  if (q.type !== "all") parts.push(`type=${q.type}`);
  for (const [k, v] of Object.entries({ model: q.model, status: q.status, name: q.name, "user-id": q.userId, tag: q.tag })) {
    if (v !== undefined) parts.push(`${k}=${JSON.stringify(v)}`);
  }
  if (q.metadata) parts.push(`metadata=${JSON.stringify(`${q.metadata.key}=${q.metadata.value}`)}`);
  for (const s of q.scores) parts.push(`score=${s.name}${s.op}${s.value}`);
  if (q.minScore !== undefined) parts.push(`min-score=${q.minScore}`);
  if (q.maxScore !== undefined) parts.push(`max-score=${q.maxScore}`);
  if (q.lightweight) parts.push("lightweight");
  if (q.format === "openai") {
    const f = q.fineTune;
    parts.push(`unit=${f.unit}`);
    if (f.dedupe) parts.push("dedupe");
    if (f.split) parts.push(`split=${f.split} (validation fraction ${f.validationFraction})`);
    if (f.maxTokens !== undefined) parts.push(`max-tokens=${f.maxTokens}`);
  }
  if (q.redact) parts.push("redact");
  if (q.cursor) parts.push("cursor=(given)");
  return parts.join("  ");
}

/**
 * The body's text, except that for openai (whose dry run reads a whole page) only the first lines and
 * the last are kept: the sample and the trailer, never the whole page in memory.
 */
async function bodyText(res: Response, format: ExportQuery["format"]): Promise<string> {
  if (format !== "openai" || !res.body) return res.text();
  const splitter = new TrailerSplitter();
  const head: string[] = [];
  const decoder = new TextDecoder();
  let partial = "";
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    const data = splitter.push(chunk);
    if (head.length >= DRY_RUN_ROWS) continue;
    const lines = (partial + decoder.decode(data, { stream: true })).split("\n");
    partial = lines.pop() ?? "";
    head.push(...lines.filter(Boolean).slice(0, DRY_RUN_ROWS - head.length));
  }
  // What the splitter still holds: the last data line(s), and the trailer apart.
  const { rest, meta } = splitter.finish();
  const more = rest.toString("utf8").split("\n").filter(Boolean).slice(0, Math.max(0, DRY_RUN_ROWS - head.length));
  const lines = [...head, ...more];
  if (meta) lines.push(JSON.stringify({ _export_meta: meta }));
  return lines.join("\n") + "\n";
}

export async function reportDryRun(res: Response, q: ExportQuery, appId: string): Promise<void> {
  const { meta, sample } = parseBody(await bodyText(res, q.format), q.format, res.headers);
  if (meta?.error !== undefined) throw unavailable(`The export failed on the server: ${JSON.stringify(meta?.error)}`);
  if (meta?.total === undefined || meta.total === null) {
    throw unavailable("The dry run's response ended without its totals (the stream was cut short)");
  }
  info("Dry run — nothing was written. (It counts as one export against the tenant's hourly rate limit.)");
  const what = q.format === "openai" && q.fineTune.unit !== "span" ? `${q.fineTune.unit}s` : "rows";
  info(`Matching ${what}: ${meta.total}`);
  info(`Filters: ${describeFilters(q, appId)}`);
  if (q.format === "openai") {
    // The whole page was built: these are the figures of the file the same command would write.
    const skips = Object.entries(meta.skip_reasons ?? {}).map(([r, n]) => `${r} ${n}`).join(", ");
    info(`An export with --limit ${q.limit} would write ${meta.exported ?? 0} example${meta.exported === 1 ? "" : "s"} (${meta.tokens ?? 0} tokens, o200k_base) now${meta.next_cursor ? "; follow the next cursor for the rest" : ""}.`);
    if (meta.skipped) info(`It would skip ${meta.skipped}: ${skips}.`);
  } else {
    const wouldWrite = Math.min(q.limit, meta.total);
    info(`An export with --limit ${q.limit} would write up to ${wouldWrite} row${wouldWrite === 1 ? "" : "s"} now${meta.total > q.limit ? "; follow the next cursor for the rest" : ""}.`);
    if (meta.skipped) info(`Skipped in this sample: ${meta.skipped} (${Object.entries(meta.skip_reasons ?? {}).map(([r, n]) => `${r} ${n}`).join(", ")})`);
  }
  if (meta.redactions) info(`Redactions: ${describeRedactions(meta.redactions)}.`);
  info(sample.length ? `Sample (first ${sample.length}):` : "Sample: no rows match.");
  for (const line of sample) info(`  ${line}`);
}
