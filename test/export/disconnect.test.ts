// A client that goes away stops the export's database reads. Observable: the server logs one
// `export_stream_end` line per export body with how many reads it completed out of how many the page
// planned (five keyset chunks on PGlite, one COPY on PostgreSQL) and how many rows it wrote; a body read
// to its end logs `completed` with all of them, an aborted one `cancelled` with fewer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTenancy, type Tenancy } from "../fixtures";
import type { TestServer } from "../harness";
import { callExport } from "./http";
import { insertLargeGenerations } from "./seed";
import { extraServer } from "./servers";

let server: TestServer;
let t: Tenancy;
const ROWS = 2000;

beforeAll(async () => {
  server = await extraServer("dc");
  t = await makeTenancy("disconnect");
  await insertLargeGenerations(t.appId, "dc", ROWS);
}, 240_000);

afterAll(async () => {
  await server?.stop();
});

interface EndLine {
  event: string;
  requestId: string;
  status: string;
  chunks_read: number;
  chunks_planned: number;
  exported: number;
}

/** Waits for the server's end-of-body log line of one request (polling its output; the wait is not the assertion). */
async function endLineOf(requestId: string): Promise<EndLine> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const line = server
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{") && l.includes(requestId))
      .map((l) => JSON.parse(l) as EndLine)
      .find((l) => l.event === "export_stream_end");
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no export_stream_end for ${requestId}:\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("client disconnect", () => {
  it("a body read to its end reads every chunk", async () => {
    const requestId = `dc-full-${Date.now()}`;
    const res = await callExport(t, { limit: ROWS }, { base: server.baseUrl, headers: { "x-request-id": requestId } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split("\n").length).toBe(ROWS + 2);
    const end = await endLineOf(requestId);
    expect(end).toMatchObject({ status: "completed", exported: ROWS });
    expect(end.chunks_read).toBe(end.chunks_planned);
  });

  it("an aborted download stops the reads early", async () => {
    const requestId = `dc-abort-${Date.now()}`;
    const controller = new AbortController();
    const res = await callExport(t, { limit: ROWS }, { base: server.baseUrl, headers: { "x-request-id": requestId }, signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    expect(new TextDecoder().decode(first.value).startsWith('{"trace_id"')).toBe(true);
    controller.abort();
    await reader.cancel().catch(() => {});
    const end = await endLineOf(requestId);
    expect(end.status).toBe("cancelled");
    expect(end.chunks_read).toBeLessThan(end.chunks_planned);
    expect(end.exported).toBeLessThan(ROWS);
  });
});
