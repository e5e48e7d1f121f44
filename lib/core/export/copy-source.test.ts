import { describe, expect, it } from "vitest";
import { binaryCopy } from "./copy-output.fixture";
import { firstLine } from "./copy-source";

/** A COPY output cut into chunks at these offsets, recording whether it was closed (its connection released). */
function output(data: Buffer, cuts: number[] = []) {
  const state = { closed: false };
  async function* gen(): AsyncGenerator<Buffer, void, undefined> {
    try {
      let from = 0;
      for (const to of [...cuts, data.length]) {
        yield data.subarray(from, to);
        from = to;
      }
    } finally {
      state.closed = true;
    }
  }
  return { gen: gen(), state };
}

async function drain(rest: AsyncGenerator<Buffer, void, undefined>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const b of rest) parts.push(b);
  return Buffer.concat(parts).toString("latin1");
}

describe("firstLine", () => {
  const data = binaryCopy(['{"a":"x\\y"}', "r1\r", "r2\r"]);
  const firstEnd = 19 + 6 + '{"a":"x\\y"}'.length;

  it("takes the first row across chunks and hands on the rest in order", async () => {
    for (const cuts of [[3], [20, 27], [firstEnd - 1, firstEnd + 2]]) {
      const { gen, state } = output(data, cuts);
      const { line, rest } = await firstLine(gen);
      expect(line.toString("utf8")).toBe('{"a":"x\\y"}');
      expect(Buffer.compare(Buffer.from(await drain(rest), "latin1"), data.subarray(firstEnd))).toBe(0);
      expect(state.closed).toBe(true);
    }
  });

  it("hands on nothing of a chunk that ends with the row", async () => {
    const { gen } = output(data, [firstEnd]);
    const { rest } = await firstLine(gen);
    const first = await rest.next();
    expect(Buffer.compare(first.value as Buffer, data.subarray(firstEnd))).toBe(0);
  });

  it("fails when the output ends before a row, and closes it", async () => {
    for (const cut of [binaryCopy([]), data.subarray(0, firstEnd - 1)]) {
      const { gen, state } = output(cut);
      await expect(firstLine(gen)).rejects.toThrow(/before its first row/);
      expect(state.closed).toBe(true);
    }
  });

  it("closes the output when the caller returns the rest unread", async () => {
    const { gen, state } = output(data, [firstEnd + 3]);
    const { rest } = await firstLine(gen);
    await rest.next();
    await rest.return(undefined);
    expect(state.closed).toBe(true);
  });
});
