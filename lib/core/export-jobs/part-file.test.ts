// A job's file cut back to a checkpoint and written on: the bytes and the sha256 are those of a file
// written in one go, and a gzip file of one member per piece is read whole by zlib.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, appendFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fileDigest, PartFile } from "./part-file";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fw-part-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

describe("PartFile", () => {
  it.each([false, true])("resumes at a checkpoint as if written in one go (gzip=%s)", async (gzip) => {
    const file = path.join(dir, "f");
    const first = await PartFile.open(file, 0, gzip);
    await first.write("a\n");
    await first.write("b\n");
    await first.sync();
    const checkpoint = first.bytes;
    // Written after the checkpoint, then the process dies: these bytes must go.
    await first.write("LOST\n");
    await first.close();
    await appendFile(file, "torn");

    const resumed = await PartFile.open(file, checkpoint, gzip);
    await resumed.write("c\n");
    const digest = resumed.sha256();
    await resumed.close();

    const bytes = await readFile(file);
    expect(digest).toBe(sha(bytes));
    expect(await fileDigest(file)).toEqual({ sha256: sha(bytes), bytes: bytes.length });
    expect((gzip ? gunzipSync(bytes) : bytes).toString()).toBe("a\nb\nc\n");
  });

  it("refuses a file shorter than its checkpoint", async () => {
    const file = path.join(dir, "short");
    const f = await PartFile.open(file, 0, false);
    await f.write("ab");
    await f.close();
    await expect(PartFile.open(file, 10, false)).rejects.toThrow(/fewer than its checkpoint/);
  });
});
