// Body reading: content types, size limit (declared and counted), gzip, undecodable bodies.
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { readJsonBody } from "./read-body";

function streamOf(bytes: Uint8Array, chunk = 1024): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + chunk));
      at += chunk;
    },
  });
}

const text = (s: string) => new TextEncoder().encode(s);

async function statusOf(p: Promise<unknown> | (() => unknown)): Promise<number | "ok"> {
  try {
    await (typeof p === "function" ? p() : p);
    return "ok";
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
}

describe("readJsonBody", () => {
  const src = (bytes: Uint8Array, headers: { encoding?: string; length?: string } = {}) => ({
    contentType: "application/json",
    contentEncoding: headers.encoding ?? null,
    contentLength: headers.length ?? null,
    body: streamOf(bytes),
  });

  it("parses a JSON body", async () => {
    expect(await readJsonBody(src(text('{"a":1}')))).toEqual({ a: 1 });
  });

  it("refuses a declared length over the limit before reading", async () => {
    expect(await statusOf(readJsonBody(src(text("{}"), { length: "101" }), 100))).toBe(413);
  });

  it("counts bytes when no length is declared", async () => {
    const big = text(JSON.stringify({ pad: "x".repeat(5000) }));
    expect(await statusOf(readJsonBody(src(big), 1000))).toBe(413);
    expect(await statusOf(readJsonBody(src(big), 10_000))).toBe("ok");
  });

  it("reads gzip bodies and limits the decompressed size too", async () => {
    const body = JSON.stringify({ pad: "y".repeat(50_000) });
    const gz = new Uint8Array(gzipSync(body));
    expect(gz.length).toBeLessThan(1000);
    expect(await readJsonBody(src(gz, { encoding: "gzip" }), 100_000)).toEqual(JSON.parse(body));
    expect(await statusOf(readJsonBody(src(gz, { encoding: "gzip" }), 10_000))).toBe(413);
    expect(await statusOf(readJsonBody(src(text("not gzip at all"), { encoding: "gzip" })))).toBe(400);
  });

  it("answers 400 for bad JSON, empty bodies and bad UTF-8; 415 for an unknown encoding", async () => {
    expect(await statusOf(readJsonBody(src(text("{nope"))))).toBe(400);
    expect(await statusOf(readJsonBody(src(text("   "))))).toBe(400);
    expect(await statusOf(readJsonBody(src(new Uint8Array([0x7b, 0xff, 0x7d]))))).toBe(400);
    expect(await statusOf(readJsonBody(src(text("{}"), { encoding: "br" })))).toBe(415);
  });
});
