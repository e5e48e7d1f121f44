// Small measuring tools for the benchmarks: timed HTTP streams, COPY baselines, process memory.
import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
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

/**
 * GETs a URL and reads the body to its end, timing the first and the last byte. node:http rather than
 * fetch: the figure is the server's, and fetch's web streams cost the reading side 2–3× what node:http
 * does for a 3.4 MB body (10–20 ms on 2 cores) — more than pg-copy-streams costs the COPY baseline.
 */
export function timedFetch(url: string, headers: Record<string, string> = {}, keepText = false): Promise<StreamTiming> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent }, (res) => {
      let firstByteMs = -1;
      let bytes = 0;
      const kept: Buffer[] = [];
      res.on("data", (chunk: Buffer) => {
        if (firstByteMs < 0) firstByteMs = performance.now() - started;
        bytes += chunk.byteLength;
        if (keepText) kept.push(chunk);
      });
      res.on("error", reject);
      res.on("end", () => {
        const lastByteMs = performance.now() - started;
        const text = keepText ? Buffer.concat(kept).toString("utf8") : undefined;
        resolve({ firstByteMs, lastByteMs, bytes, status: res.statusCode ?? 0, text });
      });
    });
    req.on("error", reject);
  });
}

/** One kept-alive connection, as fetch would use, so no run pays a TCP handshake the others do not. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * Time of PostgreSQL's own `COPY (query) TO STDOUT`, read to the end by this process. Rows are counted
 * only when asked (a check outside the timed runs), so the baseline's reading stays as lean as it can.
 */
export async function timedCopy(client: pg.Client, query: string, countRows = false): Promise<{ ms: number; bytes: number; rows: number }> {
  const started = performance.now();
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  let bytes = 0;
  let rows = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    bytes += buf.byteLength;
    // COPY's text format escapes newlines inside values, so every 0x0A ends a row.
    if (countRows) for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) rows++;
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

/** Sums `read(pid)` over a process and its descendants (Linux /proc); a process that ends midway counts 0. */
function overTree(pid: number, read: (pid: number) => number): number {
  let total = 0;
  try {
    total += read(pid);
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) total += overTree(Number(child), read);
    }
  } catch {
    // the process ended between two reads
  }
  return total;
}

/** Resident memory of a process and its descendants, in bytes. */
export function treeRss(pid: number): number {
  return overTree(pid, (p) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0) * 1024);
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** CPU time of a process and its descendants, in ms. */
export function treeCpuMs(pid: number): number {
  return overTree(pid, cpuMs);
}

/** CPU time so far of each of the given processes (say, the PostgreSQL backends of one database), in ms. */
export function processesCpuMs(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      out.set(pid, cpuMs(pid));
    } catch {
      // the backend ended between two reads
    }
  }
  return out;
}

/**
 * CPU used between two readings of processesCpuMs: a process that appeared in between (a pool opening a
 * connection) counts from zero; one that ended in between loses what it used after the first reading.
 */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** CPU time of every local PostgreSQL process, in ms (0 with embedded PGlite, which runs inside the server). */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").startsWith("postgres")) total += cpuMs(Number(entry));
    } catch {
      // the process ended between two reads
    }
  }
  return total;
}
