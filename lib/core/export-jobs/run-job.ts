// Runs one bulk export job (docs/bulk-exports.md). Rows come from the page route's engine — the same
// row sources (keyset, COPY, units), filters, order and formatters — read page after page from the
// job's checkpoint cursor. The window is fixed when the job is created (endDate defaults to its creation
// time), so later rows never join it. After each page the file is synced and the progress and resume
// point are saved in one guarded UPDATE; a page's rows are written exactly once because a resumed job
// cuts each file back to its checkpoint before reading on from the checkpoint's cursor. For
// destination=s3 the text files go up part by part as they grow (s3-parts.ts), their parts recorded in
// the same checkpoints.
import { decodeCursor } from "../cursor";
import type { Db } from "../db";
import { copySource } from "../export/copy-source";
import { countUnits } from "../export/finetune/unit-walk";
import { unitSource } from "../export/finetune/unit-source";
import { emptyTally, formatterFor, type Formatter, type Tally } from "../export/formatters";
import { countMatching } from "../export/page-keys";
import { keysetSource, type Ctx, type RowChunk, type RowSource } from "../export/row-source";
import type { ExportQuery } from "../filters";
import { retentionCutoff } from "../retention";
import type { Checkpoint, JobFigures, PartState } from "./checkpoint";
import { jobFileNames, type JobFile } from "./contract";
import { jobBody } from "./job-body";
import { claimJob, failJob, heartbeat, HEARTBEAT_MS, jobJson, loadJob, saveCheckpoint, setTotal, succeedJob, type JobRow } from "./job-store";
import { addedKeys, pageFinisher } from "./job-dedupe";
import { jsonlToParquet } from "./parquet";
import { fileDigest, PartFile } from "./part-file";
import { abortUploads, finishUpload, keepUploadedParts, S3_PART_BYTES, uploadParts } from "./s3-parts";
import { discardPartial, partialPath, publish, removeFiles, type JobStorage } from "./storage";

export interface JobRuntime {
  storage: JobStorage;
  /** FLYWHEEL_SCORE_RETENTION_DAYS: scores older than this are neither shown nor filtered on. */
  retentionDays: number;
  /** Rows (or examples, for unit=trace|session) per page, i.e. between checkpoints. */
  pageRows?: number;
  /** destination=s3: bytes per multipart part (FLYWHEEL_EXPORT_S3_PART_BYTES; at least 5 MiB). */
  s3PartBytes?: number;
  log?: (line: Record<string, unknown>) => void;
}

/** Rows per page: one COPY (or a few keyset reads) and one checkpoint each. */
export const JOB_PAGE_ROWS = 5_000;
/** unit=trace|session reads every generation of each unit: fewer units per page. */
export const JOB_PAGE_UNITS = 500;
/** dedupe=true holds a page in memory while it asks which examples were written: smaller pages. */
export const JOB_PAGE_DEDUPE = 1_000;

/** What became of a run: finished (any end state), the tenant already has a running job, or not ours to run. */
export type RunResult = "finished" | "busy" | "skipped" | "stopped";

/** The job stopped being this worker's running job: cancelled, or taken over after a stall. */
class JobStopped extends Error {}


/** One page of the export from `cursor`: the page route's own sources. */
function pageSource(ctx: Ctx): RowSource {
  const { q } = ctx;
  if (q.format === "openai" && q.fineTune.unit !== "span") return unitSource(ctx);
  const copyOut = ctx.db.copyOut?.bind(ctx.db);
  if (copyOut && q.format !== "csv") return copySource(ctx, copyOut);
  return keysetSource(ctx);
}

function formatChunk(chunk: RowChunk, fmt: Formatter, tally: Tally): { out: string | Uint8Array; read: number } {
  if ("units" in chunk) return { out: fmt.units!(chunk.units, tally), read: chunk.units.length };
  if ("bytes" in chunk) return { out: fmt.bytes!(chunk.bytes, chunk.rows, tally), read: chunk.rows };
  if ("text" in chunk) throw new Error("a job reads rows, not preformatted text");
  return { out: fmt.chunk(chunk.lines, tally), read: chunk.lines.length };
}

function figuresOf(tally: Tally, rowsRead: number, parts: PartState[]): JobFigures {
  return {
    rowsRead,
    exported: tally.exported,
    skipped: tally.skipped,
    skipReasons: tally.skip_reasons,
    tokens: tally.tokens,
    redactions: tally.redactions as Record<string, number> | undefined,
    bytes: parts.reduce((n, p) => n + p.bytes, 0),
  };
}

/** The tally a resumed job carries on from (what its checkpoint counted). */
function restoredTally(q: ExportQuery, row: JobRow): Tally {
  const tally = emptyTally(q);
  tally.exported = Number(row.exported);
  tally.skipped = Number(row.skipped);
  tally.skip_reasons = { ...row.skip_reasons };
  if (tally.tokens !== undefined) tally.tokens = Number(row.tokens ?? 0);
  if (tally.redactions !== undefined) Object.assign(tally.redactions, row.redactions ?? {});
  return tally;
}

/** Claims the job and runs it to an end state, or leaves it for another run (busy tenant, lost claim). */
export async function runJob(db: Db, id: string, worker: string, rt: JobRuntime): Promise<RunResult> {
  const claim = await claimJob(db, id, worker);
  if (claim === "busy") return "busy";
  if (claim !== "claimed") return "skipped";
  const row = (await loadJob(db, id))!;
  const state: RunState = { lost: false };
  // Proves the worker alive between checkpoints (a slow page), and notices a cancel early.
  const timer = setInterval(() => {
    heartbeat(db, id, worker).then(
      (ok) => (state.lost ||= !ok),
      () => {},
    );
  }, HEARTBEAT_MS);
  timer.unref?.();
  const started = Date.now();
  try {
    await exportAll(db, row, worker, rt, state);
    rt.log?.({ event: "export_job_end", job: id, tenant: row.tenant_id, status: "succeeded", ms: Date.now() - started });
    return "finished";
  } catch (err) {
    if (err instanceof JobStopped) {
      const now = await loadJob(db, id);
      // Cancelled: its partial files and uploads go. Taken over by another worker: they are that worker's now.
      if (now?.status === "cancelled") await discardJob(rt, row, state);
      rt.log?.({ event: "export_job_end", job: id, tenant: row.tenant_id, status: now?.status ?? "gone" });
      return "stopped";
    }
    const detail = String((err as Error)?.message ?? err);
    rt.log?.({ level: "error", event: "export_job_end", job: id, tenant: row.tenant_id, status: "failed", error: String((err as Error)?.stack ?? err) });
    // If the database itself is gone this throws too, and the job stays `running` until its heartbeat
    // is stale and a worker resumes it: a lost database is not the job's fault.
    await failJob(db, id, worker, { code: "export_failed", detail });
    await discardJob(rt, row, state);
    return "finished";
  } finally {
    clearInterval(timer);
  }
}

interface RunState {
  /** The job stopped being this worker's (the heartbeat said so). */
  lost: boolean;
  /** The checkpoint as the run holds it: its s3 uploads, including parts not yet saved. */
  cp?: Checkpoint;
}

/** A failed or cancelled job leaves nothing: multipart uploads aborted, anything put removed, staging gone. */
async function discardJob(rt: JobRuntime, row: JobRow, state: RunState): Promise<void> {
  const body = jobBody(row);
  if (body.destination === "s3") {
    if (state.cp) await abortUploads(rt.storage.s3, state.cp.parts, rt.log);
    // A failure after an upload completed (say, the manifest's put) must not leave that object behind.
    await removeFiles(rt.storage, "s3", row.app_id, row.id, jobFileNames(body.format, body.compression, body.validationFile)).catch(() => {});
  }
  await discardPartial(rt.storage, row.app_id, row.id);
}

async function exportAll(db: Db, row: JobRow, worker: string, rt: JobRuntime, state: RunState): Promise<void> {
  const body = jobBody(row);
  const q = body.query;
  const names = jobFileNames(body.format, body.compression, body.validationFile);
  // parquet is staged as jsonl, then converted once every row is in.
  const staged = body.format === "parquet" ? ["traces.parquet.jsonl"] : names;
  const splits = body.validationFile ? (["train", "validation"] as const) : [undefined];
  const gzip = body.compression === "gzip";
  const cutoff = retentionCutoff(rt.retentionDays, new Date(row.created_at));
  const byUnit = q.format === "openai" && q.fineTune.unit !== "span";
  const pageRows = rt.pageRows ?? (byUnit ? JOB_PAGE_UNITS : q.fineTune.dedupe ? JOB_PAGE_DEDUPE : JOB_PAGE_ROWS);

  if (row.total === null) {
    const total = byUnit ? await countUnits(db, row.app_id, q, cutoff) : await countMatching(db, row.app_id, q, cutoff);
    await setTotal(db, row.id, worker, total);
  }
  const cp: Checkpoint = row.checkpoint ?? { part: 0, cursor: null, parts: staged.map((name) => ({ name, bytes: 0, rows: 0, done: false })) };
  state.cp = cp;
  // s3 text files are uploaded as they grow; parquet is converted at the end and uploaded then.
  const store = body.destination === "s3" ? rt.storage.s3 : undefined;
  if (body.destination === "s3" && !store) throw new Error("destination s3 without FLYWHEEL_EXPORT_S3_BUCKET");
  const streamed = body.format === "parquet" ? undefined : store;
  const partBytes = rt.s3PartBytes ?? S3_PART_BYTES;
  const keyOf = (name: string) => store!.key(row.app_id, row.id, name);
  for (const ps of cp.parts) keepUploadedParts(ps);
  const tally = restoredTally(q, row);
  let rowsRead = Number(row.rows_read);
  const digests = new Map<string, string>();

  for (let part = 0; part < staged.length; part++) {
    const ps = cp.parts[part];
    const file = await PartFile.open(partialPath(rt.storage, row.app_id, row.id, ps.name), ps.bytes, gzip);
    try {
      if (!ps.done) {
        const split = splits[part];
        const pq: ExportQuery = split ? { ...q, fineTune: { ...q.fineTune, split } } : q;
        const fmt = formatterFor(pq, tally);
        if (ps.bytes === 0) await file.write(fmt.head());
        let cursor = part === cp.part ? cp.cursor : null;
        for (;;) {
          const left = body.limit - rowsRead;
          let next: string | null = null;
          let seen: string[] = [];
          if (left > 0) {
            const before = tally.exported;
            const source = pageSource({ db, appId: row.app_id, cutoff, q: { ...pq, cursor: cursor ? decodeCursor(cursor) : undefined, limit: Math.min(pageRows, left) } });
            if (pq.fineTune.dedupe) {
              // The page is read first: which of its examples earlier pages wrote is asked in one query.
              const chunks: RowChunk[] = [];
              for await (const chunk of source.chunks()) chunks.push(chunk);
              const { finisher, known } = await pageFinisher(db, row.id, pq, chunks, tally);
              const pageFmt = formatterFor(pq, tally, finisher);
              for (const chunk of chunks) {
                const { out, read } = formatChunk(chunk, pageFmt, tally);
                rowsRead += read;
                await file.write(out);
              }
              seen = addedKeys(finisher, known);
            } else {
              for await (const chunk of source.chunks()) {
                if (state.lost) throw new JobStopped();
                const { out, read } = formatChunk(chunk, fmt, tally);
                rowsRead += read;
                await file.write(out);
              }
            }
            next = source.nextCursor();
            ps.rows += tally.exported - before;
          }
          await file.sync();
          ps.bytes = file.bytes;
          // The whole parts now on disk go up before the checkpoint that records them.
          if (streamed && !state.lost) await uploadParts(streamed, ps, partialPath(rt.storage, row.app_id, row.id, ps.name), keyOf(ps.name), partBytes, ps.bytes, false);
          ps.done = next === null;
          cursor = next;
          Object.assign(cp, { part, cursor });
          if (!(await saveCheckpoint(db, row.id, worker, figuresOf(tally, rowsRead, cp.parts), cp, seen))) throw new JobStopped();
          if (ps.done) break;
        }
      }
      digests.set(ps.name, file.sha256());
    } finally {
      await file.close();
    }
  }

  const files: JobFile[] = [];
  if (body.format === "parquet") {
    const dest = partialPath(rt.storage, row.app_id, row.id, names[0]);
    await jsonlToParquet(partialPath(rt.storage, row.app_id, row.id, staged[0]), dest, q.lightweight);
    files.push({ name: names[0], rows: cp.parts[0].rows, ...(await fileDigest(dest)) });
  } else {
    for (const ps of cp.parts) files.push({ name: ps.name, rows: ps.rows, bytes: ps.bytes, sha256: digests.get(ps.name)! });
  }
  const figures = { ...figuresOf(tally, rowsRead, cp.parts), bytes: files.reduce((n, f) => n + f.bytes, 0) };
  const finishedAt = new Date();
  const finished = (await loadJob(db, row.id))!;
  const manifest = jobJson({
    ...finished,
    status: "succeeded",
    finished_at: finishedAt,
    files,
    rows_read: figures.rowsRead,
    exported: figures.exported,
    skipped: figures.skipped,
    skip_reasons: figures.skipReasons,
    tokens: figures.tokens ?? null,
    redactions: figures.redactions ?? null,
    bytes: figures.bytes,
  });
  if (state.lost) throw new JobStopped();
  if (streamed) {
    for (const ps of cp.parts) await finishUpload(streamed, ps, partialPath(rt.storage, row.app_id, row.id, ps.name), keyOf(ps.name), partBytes);
  }
  await publish(rt.storage, body.destination, row.app_id, row.id, names, JSON.stringify(manifest, null, 2) + "\n", streamed ? names : []);
  if (!(await succeedJob(db, row.id, worker, figures, files, finishedAt))) {
    // Cancelled while publishing: what was published goes too.
    await removeFiles(rt.storage, body.destination, row.app_id, row.id, names);
    throw new JobStopped();
  }
}
