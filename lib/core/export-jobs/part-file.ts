// One output file of a job, written at the end, resumable. With gzip, each piece written is its own
// gzip member: a file of concatenated members is a valid .gz (gunzip, zlib, Python's gzip read it
// whole), and every checkpoint falls on a member boundary, so a resumed job can cut the file back to
// its checkpoint and carry on. The sha256 covers the bytes on disk; on resume the kept prefix is hashed
// again (read once, in pieces), so the digest is always of exactly the file.
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip as gzipCb } from "node:zlib";

const gzip = promisify(gzipCb);

export class PartFile {
  private constructor(
    private readonly fh: FileHandle,
    private readonly hash: Hash,
    private position: number,
    private readonly compress: boolean,
  ) {}

  /** Opens `file` keeping its first `keep` bytes (0: a new, empty file). */
  static async open(file: string, keep: number, compress: boolean): Promise<PartFile> {
    await mkdir(path.dirname(file), { recursive: true });
    const hash = createHash("sha256");
    if (keep === 0) return new PartFile(await open(file, "w"), hash, 0, compress);
    const fh = await open(file, "r+");
    try {
      const { size } = await fh.stat();
      if (size < keep) throw new Error(`${path.basename(file)} holds ${size} bytes, fewer than its checkpoint's ${keep}`);
      await fh.truncate(keep);
      for await (const piece of createReadStream(file, { start: 0, end: keep - 1 })) hash.update(piece as Buffer);
      return new PartFile(fh, hash, keep, compress);
    } catch (err) {
      await fh.close();
      throw err;
    }
  }

  get bytes(): number {
    return this.position;
  }

  async write(data: string | Uint8Array): Promise<void> {
    if (data.length === 0) return;
    const raw = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    const out = this.compress ? await gzip(raw) : raw;
    let done = 0;
    while (done < out.length) {
      const { bytesWritten } = await this.fh.write(out, done, out.length - done, this.position);
      done += bytesWritten;
      this.position += bytesWritten;
    }
    this.hash.update(out);
  }

  /** The bytes written so far are on disk: a checkpoint may now point past them. */
  async sync(): Promise<void> {
    await this.fh.datasync();
  }

  /** The digest of the file as it is now (the hash keeps running). */
  sha256(): string {
    return this.hash.copy().digest("hex");
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

/** The sha256 and size of a whole file, read in pieces. */
export async function fileDigest(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const piece of createReadStream(file)) {
    hash.update(piece as Buffer);
    bytes += (piece as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
