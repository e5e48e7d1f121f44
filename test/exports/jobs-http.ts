// Calling the bulk export API the way clients do (API key + X-App-Id), every answer parsed with the
// contract's own schemas (lib/core/export-jobs/contract.ts).
import { expect } from "vitest";
import { baseUrl, type Tenancy } from "../fixtures";
import { callExport, parseNdjson } from "../export/http";
import { exportJobListSchema, exportJobSchema, type ExportJob } from "../../lib/core/export-jobs/contract";

export interface JobCallOptions {
  base?: string;
  headers?: Record<string, string>;
}

function keyHeaders(t: Tenancy, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${t.apiKey}`, "x-app-id": t.appId, ...extra };
}

export function postJob(t: Tenancy, body: unknown, opts: JobCallOptions = {}): Promise<Response> {
  return fetch(`${opts.base ?? baseUrl()}/v1/exports`, {
    method: "POST",
    headers: keyHeaders(t, { "content-type": "application/json", ...opts.headers }),
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export function callJob(t: Tenancy, path: string, method = "GET", opts: JobCallOptions = {}): Promise<Response> {
  return fetch(`${opts.base ?? baseUrl()}/v1/exports${path}`, { method, headers: keyHeaders(t, opts.headers) });
}

/** A job created (202), parsed. */
export async function createJob(t: Tenancy, body: unknown, opts: JobCallOptions = {}): Promise<ExportJob> {
  const res = await postJob(t, body, opts);
  const text = await res.text();
  expect(res.status, text).toBe(202);
  return exportJobSchema.parse(JSON.parse(text));
}

export async function getJob(t: Tenancy, id: string, opts: JobCallOptions = {}): Promise<ExportJob> {
  const res = await callJob(t, `/${id}`, "GET", opts);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return exportJobSchema.parse(JSON.parse(text));
}

export async function listJobs(t: Tenancy, opts: JobCallOptions = {}): Promise<ExportJob[]> {
  const res = await callJob(t, "", "GET", opts);
  expect(res.status).toBe(200);
  return exportJobListSchema.parse(await res.json()).jobs;
}

/** Polls the job until `done` holds (default: it reached an end state). */
export async function waitForJob(
  t: Tenancy,
  id: string,
  done: (j: ExportJob) => boolean = (j) => ["succeeded", "failed", "cancelled"].includes(j.status),
  opts: JobCallOptions & { timeoutMs?: number; everyMs?: number } = {},
): Promise<ExportJob> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    const job = await getJob(t, id, opts);
    if (done(job)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status} (${job.rows_read} rows read)`);
    await new Promise((r) => setTimeout(r, opts.everyMs ?? 200));
  }
}

/** A finished job's file, whole, with its response. */
export async function download(t: Tenancy, id: string, name: string, opts: JobCallOptions = {}): Promise<{ res: Response; bytes: Buffer }> {
  const res = await callJob(t, `/${id}/files/${encodeURIComponent(name)}`, "GET", opts);
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(res.status, bytes.toString("utf8").slice(0, 500)).toBe(200);
  // Next.js 16 strips Content-Length from route handlers; the route sends the length as its own header.
  expect(Number(res.headers.get("x-export-file-bytes"))).toBe(bytes.length);
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+"$/);
  return { res, bytes };
}

/** The span ids of the page route's full cursor walk over a job's window: what the job's file must hold, in order. */
export async function walkSpanIds(t: Tenancy, job: ExportJob, opts: JobCallOptions = {}): Promise<string[]> {
  const walked: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await callExport(t, { limit: 2000, startDate: job.params.startDate as string, endDate: job.params.endDate as string, cursor }, { base: opts.base });
    const page = parseNdjson(await res.text());
    walked.push(...page.lines.map((l) => l.span_id as string));
    cursor = page.meta.next_cursor ?? undefined;
  } while (cursor);
  return walked;
}
