import { describe, expect, it } from "vitest";
import { generatorStream } from "./stream";

function counting(n: number) {
  const log = { produced: 0, finished: false };
  async function* gen() {
    try {
      for (let i = 0; i < n; i++) {
        log.produced++;
        yield `chunk ${i}\n`;
      }
    } finally {
      log.finished = true;
    }
  }
  return { log, gen: gen() };
}

describe("generatorStream", () => {
  it("asks the generator for chunks only as the reader pulls", async () => {
    const { log, gen } = counting(100);
    const reader = generatorStream(gen).getReader();
    await new Promise((r) => setImmediate(r));
    expect(log.produced).toBeLessThanOrEqual(1); // at most the one-chunk queue ahead
    await reader.read();
    await reader.read();
    await new Promise((r) => setImmediate(r));
    expect(log.produced).toBeLessThanOrEqual(3);
  });

  it("cancel() returns the generator, running its finally", async () => {
    const { log, gen } = counting(100);
    const reader = generatorStream(gen).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("chunk 0\n");
    await reader.cancel();
    expect(log.finished).toBe(true);
    expect(log.produced).toBeLessThan(100);
  });

  it("skips empty chunks (no empty read reaches the consumer) and closes at the end", async () => {
    async function* gen() {
      yield "";
      yield "a";
      yield new Uint8Array(0);
      yield "";
      yield "b";
    }
    const reader = generatorStream(gen()).getReader();
    const reads: string[] = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      reads.push(new TextDecoder().decode(value));
    }
    // Without the skipping, each empty chunk would show up here as a read of "".
    expect(reads).toEqual(["a", "b"]);
  });

  it("errors the stream when the generator throws", async () => {
    async function* gen() {
      yield "a";
      throw new Error("boom");
    }
    const reader = generatorStream(gen()).getReader();
    await reader.read();
    await expect(reader.read()).rejects.toThrow("boom");
  });
});
