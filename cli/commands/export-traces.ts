// `flywheel export traces`: flags → GET /v1/traces/export, streamed to stdout or the -o file as it
// arrives. Data on stdout, every status line on stderr, so `> file` and pipes get only data (docs/cli.md).
import { Command, Option } from "commander";
import { DEFAULT_LIMIT, FORMATS, MAX_LIMIT, SCORE_FORM, SPAN_TYPES, STATUSES } from "../../lib/core/filters";
import { unavailable, usageError } from "../lib/cli-error";
import { exportAll } from "./export-all";
import { authHeaders, resolveConnection, type Connection } from "../lib/connection";
import { DRY_RUN_ROWS, reportDryRun } from "../lib/dry-run";
import { cliEnv } from "../lib/env";
import { buildExportQuery, type ExportFlags } from "../lib/export-query";
import { metaFromHeaders, type ExportMeta } from "../../lib/core/export/trailer";
import { reportExport } from "../lib/export-report";
import { bodyChunks, errorFromResponse, send } from "../lib/http";
import { info } from "../lib/output";
import { checkOverwrite, fileTarget, stdoutTarget, type OutputTarget } from "../lib/output-target";
import { readProjectLink } from "../lib/project-link";
import { TIME_FORMS } from "../lib/relative-time";
import { TrailerSplitter } from "../lib/trailer";

const collect = (value: string, previous: string[] = []) => [...previous, value];

const HELP_AFTER = `
Every flag maps 1:1 onto a query parameter of GET /v1/traces/export:
  --format → format     --limit → limit        --since → startDate    --until → endDate
  --score → score       --min-score → minScore --max-score → maxScore --type → type
  --model → model       --status → status      --name → name          --user-id → userId
  --tag → tag           --metadata k=v → metadata_key + metadata_value
  --lightweight → lightweight=true             --cursor → cursor      --app → X-App-Id (appId= with a JWT)
  --redact → redact=true (every format)
Fine-tuning options, with --format openai only (docs/export.md "Fine-tuning options"):
  --unit → unit         --dedupe → dedupe=true --split → split        --validation-fraction → validationFraction
  --max-tokens → maxTokens

--since / --until take ${TIME_FORMS}.
Default window: the last 30 days. Rows come newest first.

Credentials and app: flags, then FLYWHEEL_API_KEY / FLYWHEEL_APP_ID / FLYWHEEL_BASE_URL, then the
project's link (flywheel link / flywheel login).

Bulk export (--all, SPEC §7): every matching row, however many, as a job on the server. The same
filter flags, plus --format parquet, --gzip, --destination local|s3, --no-wait; --limit caps the rows
(default: all, up to the server's FLYWHEEL_EXPORT_MAX_ROWS). Progress goes to stderr; the finished file
to stdout or -o (a directory when the job writes several files: openai with --validation-fraction).
Follow-ups: flywheel export status|download|cancel ID, flywheel export list.

Data goes to stdout (or -o FILE); counts, skipped rows and the next cursor go to stderr.
The jsonl/openai trailer line ({"_export_meta": …}) is reported on stderr, not written into the data.

Examples:
  flywheel export traces --since 7d --score 'correctness>=0.8' --format openai -o train.jsonl
  flywheel export traces --model gpt-4o --type GENERATION --limit 2000 | jq .span_name
  flywheel export traces --format csv --status STATUS_CODE_ERROR --since 24h -o errors.csv
  flywheel export traces --tag prod --metadata env=staging --user-id u_42 --lightweight
  flywheel export traces --score 'helpfulness>3' --dry-run
  flywheel export traces --format openai --unit trace --dedupe --max-tokens 8000 --redact --split train -o train.jsonl
  flywheel export traces --format openai --unit session --split validation --validation-fraction 0.2 --dry-run
  flywheel export traces --cursor <next cursor from the previous page>
  flywheel export traces --all --since 90d --format parquet -o spans.parquet
  flywheel export traces --all --format openai --validation-fraction 0.1 --score 'correctness>=0.8' -o finetune/
  flywheel export traces --all --gzip --no-wait

Exit codes: 0 ok · 1 authentication/access failure · 2 bad flags, no link or credentials, existing -o file ·
3 bulk export job failed · 4 bulk export job cancelled · 5 rate limited (429), server error, network
failure or a broken stream · 130 Ctrl-C (a bulk job keeps running).
`;

export function exportTracesCommand(): Command {
  return new Command("traces")
    .description("stream spans matching the filters as JSONL, OpenAI chat fine-tuning JSONL, or CSV; --all: every matching row, as a bulk export job")
    .addOption(new Option("--format <format>", `output format: ${FORMATS.join(" | ")}, or parquet with --all (default: jsonl)`))
    .option("--app <id>", "app id (default: FLYWHEEL_APP_ID, then the linked app)")
    .option("--score <name<op>value>", `score condition, repeatable, all must hold: ${SCORE_FORM}`, collect)
    .option("--since <time>", "spans at or after this time: ISO 8601 or 30m, 24h, 7d, 2w ago (default: 30 days ago)")
    .option("--until <time>", "spans at or before this time: ISO 8601 or 30m, 24h, 7d ago (default: now)")
    .option("--limit <n>", `rows in this page, 1–${MAX_LIMIT} (default: ${DEFAULT_LIMIT})`)
    .option("--model <name>", "exact model name")
    .option("--type <type>", `span type: ${SPAN_TYPES.join(" | ")} | all (default: all)`)
    .option("--status <status>", `span status: ${STATUSES.join(" | ")} (or ok, error, unset)`)
    .option("--name <text>", "span name contains this text (case-insensitive)")
    .option("--user-id <id>", "exact user id")
    .option("--tag <tag>", "the span's tags contain this tag")
    .option("--metadata <key=value>", "metadata[key] equals value")
    .option("--min-score <n>", "rows with any score ≥ n")
    .option("--max-score <n>", "rows with any score ≤ n")
    .option("--lightweight", "leave out input, output, tool_calls and tools")
    .option("--cursor <cursor>", "continue from a previous page's next cursor")
    .option("--unit <unit>", "openai: one example per span | trace | session (default: span)")
    .option("--dedupe", "openai: skip examples identical to one already written in this page")
    .option("--split <side>", "openai: only the train | validation side of the deterministic split")
    .option("--validation-fraction <f>", "openai: share of traces (sessions) on the validation side, 0 < f < 1 (default: 0.1)")
    .option("--max-tokens <n>", "openai: skip examples longer than n tokens (o200k_base, as OpenAI counts them)")
    .option("--redact", "replace emails, phone numbers, cards, IP addresses and keys with typed placeholders")
    .option("--dry-run", `count the matching rows and show a sample of up to ${DRY_RUN_ROWS}; with --format openai, how many examples the page would write and their tokens; writes no file (uses one export of the rate limit)`)
    .option("-o, --output <file>", "write to this file instead of stdout (asks before overwriting); with --all and several files, a directory")
    .option("--all", "every matching row, as a bulk export job on the server (progress on stderr, then the file); --limit may exceed 2,000")
    .option("--gzip", "--all: gzip the file(s) (jsonl, openai, csv)")
    .option("--destination <where>", "--all: local | s3, where the server keeps the files (default: local)")
    .option("--no-wait", "--all: print the job id and exit; follow it with flywheel export status ID")
    .option("--api-key <key>", "API key (default: FLYWHEEL_API_KEY, then the linked credentials)")
    .option("--base-url <url>", "server URL (default: FLYWHEEL_BASE_URL, then the linked URL)")
    .addHelpText("after", HELP_AFTER)
    .action((flags: ExportFlags) => exportTraces(flags));
}

const AUTH_HINT: Record<Connection["auth"]["kind"], (appId: string) => string> = {
  api_key: (appId) => `Check the API key, and that app "${appId}" belongs to its tenant.`,
  jwt: (appId) => `Your login may have expired (run flywheel login), or you are not a member of app "${appId}"'s tenant.`,
};

export async function exportTraces(flags: ExportFlags): Promise<void> {
  if (flags.all) return exportAll(flags);
  const onlyWithAll = { "--gzip": flags.gzip, "--destination": flags.destination, "--no-wait": flags.wait === false ? true : undefined };
  for (const [flag, value] of Object.entries(onlyWithAll)) {
    if (value !== undefined) throw usageError(`${flag} applies to bulk exports; add --all`);
  }
  if (flags.format?.trim().toLowerCase() === "parquet") throw usageError("--format parquet is written by bulk exports only; add --all");
  const now = new Date();
  const conn = resolveConnection(flags, cliEnv(), readProjectLink());
  const { params, query } = buildExportQuery(flags, { now, appId: conn.auth.kind === "jwt" ? conn.appId : undefined });
  // openai's dry run reads the whole page, so it can tell how many examples it would write and their
  // tokens (skips depend on the content); the others read a sample and the total.
  if (flags.dryRun && query.format !== "openai") params.set("limit", String(Math.min(query.limit, DRY_RUN_ROWS)));

  // Everything that can refuse does so before the request, so a refusal spends no export quota.
  let target: OutputTarget;
  if (flags.dryRun) {
    if (flags.output !== undefined) info(`--dry-run writes no file; ignoring -o ${flags.output}.`);
    target = stdoutTarget();
  } else if (flags.output !== undefined) {
    await checkOverwrite(flags.output);
    target = fileTarget(flags.output);
  } else {
    target = stdoutTarget();
  }

  try {
    const res = await send(`${conn.baseUrl}/v1/traces/export?${params}`, {
      headers: { ...authHeaders(conn), accept: "application/x-ndjson, text/csv", "user-agent": "flywheel-cli" },
    });
    if (!res.ok) throw await errorFromResponse(res, { authHint: AUTH_HINT[conn.auth.kind](conn.appId) });
    if (flags.dryRun) return await reportDryRun(res, query, conn.appId);
    if (!res.body) throw unavailable("The server sent an empty response");
    const meta = await streamBody(res, target, query.format === "csv");
    await target.commit();
    reportExport(meta, { flags, file: target.file, now });
  } catch (err) {
    target.discard();
    throw err;
  }
}

/** Copies the body to the target chunk by chunk; returns the export's figures. */
async function streamBody(res: Response, target: OutputTarget, csv: boolean): Promise<ExportMeta> {
  const splitter = csv ? undefined : new TrailerSplitter();
  const brokeOff = (why: string) => unavailable(`The export stream broke off (${why}); the output is incomplete${target.file ? " and was not kept" : ""}`);
  for await (const chunk of bodyChunks(res, brokeOff)) {
    // CSV passes through byte for byte; its figures travel in headers.
    await target.write(splitter ? splitter.push(chunk) : chunk);
  }
  if (!splitter) return metaFromHeaders(res.headers);
  const { rest, meta } = splitter.finish();
  const kept = target.file ? " and was not kept" : "";
  if (!meta) throw unavailable(`The export ended without its _export_meta trailer (cut short); the output is incomplete${kept}`);
  if (meta.error !== undefined) {
    const why = typeof meta.error === "string" ? meta.error : JSON.stringify(meta.error);
    throw unavailable(`The export failed on the server after ${meta.exported ?? "some"} rows: ${why}; the output is incomplete${kept}`);
  }
  await target.write(rest);
  return meta;
}
