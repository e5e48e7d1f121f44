import { describe, expect, it } from "vitest";
import { firstLine } from "./copy-source";

/** A COPY output of these chunks, recording whether it was closed (its connection released). */
function output(chunks: string[]) {
  const state = { closed: false };
  async function* gen(): AsyncGenerator<Buffer, void, undefined> {
    try {
      for (const c of chunks) yield Buffer.from(c);
    } finally {
      state.closed = true;
    }
  }
  return { gen: gen(), state };
}

async function drain(rest: AsyncGenerator<Buffer, void, undefined>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const b of rest) parts.push(b);
  return Buffer.concat(parts).toString("utf8");
}

describe("firstLine", () => {
  it("takes the first line across chunks as it came (a csv COPY escapes nothing), and hands on the rest in order", async () => {
    const { gen, state } = output(['"{""a"":""x\\', 'y""}",,\nr1\r\nr2', "\r\n"]);
    const { line, rest } = await firstLine(gen);
    expect(line.toString("utf8")).toBe('"{""a"":""x\\y""}",,');
    expect(await drain(rest)).toBe("r1\r\nr2\r\n");
    expect(state.closed).toBe(true);
  });

  it("hands on nothing of a chunk that ends with the line", async () => {
    const { gen } = output(["meta\n", "r1\n"]);
    const { line, rest } = await firstLine(gen);
    expect(line.toString("utf8")).toBe("meta");
    expect(await drain(rest)).toBe("r1\n");
  });

  it("fails when the output ends before a line, and closes it", async () => {
    const { gen, state } = output(["no newline"]);
    await expect(firstLine(gen)).rejects.toThrow(/before its first line/);
    expect(state.closed).toBe(true);
  });

  it("closes the output when the caller returns the rest unread", async () => {
    const { gen, state } = output(["meta\nr1\n", "r2\n"]);
    const { rest } = await firstLine(gen);
    await rest.next();
    await rest.return(undefined);
    expect(state.closed).toBe(true);
  });
});
