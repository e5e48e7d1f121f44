// Small measuring tools for the benchmarks: timed HTTP streams, COPY baselines, process memory.
import { readFileSync, readdirSync } from "node:fs";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";

export interface StreamTiming {
  firstByteMs: number;
  lastByteMs: number;
  bytes: number;
  status: number;
  /** The body, when asked for (a check after the timed runs, never during them). */
  text?: string;
}

/** Fetches a URL and reads the body to its end, timing the first and the last byte. */
export async function timedFetch(url: string, headers: Record<string, string> = {}, keepText = false): Promise<StreamTiming> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  let firstByteMs = -1;
  let bytes = 0;
  const kept: Uint8Array[] = [];
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (firstByteMs < 0) firstByteMs = performance.now() - started;
    bytes += value.byteLength;
    if (keepText) kept.push(value);
  }
  const lastByteMs = performance.now() - started;
  const text = keepText ? Buffer.concat(kept).toString("utf8") : undefined;
  return { firstByteMs, lastByteMs, bytes, status: res.status, text };
}

/** Time of PostgreSQL's own `COPY (query) TO STDOUT`, read to the end by this process; rows counted. */
export async function timedCopy(client: pg.Client, query: string): Promise<{ ms: number; bytes: number; rows: number }> {
  const started = performance.now();
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  let bytes = 0;
  let rows = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    bytes += buf.byteLength;
    // COPY's text format escapes newlines inside values, so every 0x0A ends a row.
    for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) rows++;
  }
  return { ms: performance.now() - started, bytes, rows };
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
