// Small measuring tools for the benchmarks: timed HTTP streams, COPY baselines, process memory.
import { readFileSync, readdirSync } from "node:fs";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";

export interface StreamTiming {
  firstByteMs: number;
  lastByteMs: number;
  bytes: number;
  status: number;
}

/** Fetches a URL and reads the body to its end, timing the first and the last byte. */
export async function timedFetch(url: string, headers: Record<string, string> = {}): Promise<StreamTiming> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  let firstByteMs = -1;
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstByteMs < 0) firstByteMs = performance.now() - started;
    bytes += value.byteLength;
  }
  return { firstByteMs, lastByteMs: performance.now() - started, bytes, status: res.status };
}

/** Time of PostgreSQL's own `COPY (query) TO STDOUT`, read to the end by this process. */
export async function timedCopy(client: pg.Client, query: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).byteLength;
  return { ms: performance.now() - started, bytes };
}

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

/** Resident memory of a process and its descendants, in bytes (Linux /proc). */
export function treeRss(pid: number): number {
  let total = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) total += treeRss(Number(child));
    }
  } catch {
    // the process ended between two reads
  }
  return total;
}
