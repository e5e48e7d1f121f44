// Where export data goes: stdout, or the -o file. A file is written to a temp file beside it and
// renamed at the end, so a failed or interrupted export never leaves a partial file (nor clobbers an
// existing one). Whether an existing file may be overwritten is settled here, before any request.
import { existsSync, openSync, renameSync, statSync, unlinkSync, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Writable } from "node:stream";
import { usageError } from "./cli-error";
import { canPrompt, confirm } from "./prompt";

export interface OutputTarget {
  /** The file the user named, or undefined for stdout. */
  file?: string;
  /** Writes with backpressure: waits for "drain" when the destination is slower than the network. */
  write(chunk: Uint8Array): Promise<void>;
  /** Finishes the file and moves it into place. */
  commit(): Promise<void>;
  /** Drops the temp file; the existing file, if any, is left untouched. */
  discard(): void;
}

async function writeWithBackpressure(stream: Writable, chunk: Uint8Array): Promise<void> {
  if (chunk.length === 0) return;
  if (!stream.write(chunk)) await once(stream, "drain");
}

export function stdoutTarget(): OutputTarget {
  const stream = process.stdout;
  // `flywheel export traces | head`: the reader has all it wanted; stop quietly, as Unix tools do.
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    process.stderr.write(`flywheel: cannot write to stdout (${err.code ?? err.message})\n`);
    process.exit(1);
  });
  return {
    write: (chunk) => writeWithBackpressure(stream, chunk),
    commit: () => new Promise((resolve) => stream.write("", () => resolve())),
    discard: () => {},
  };
}

/** Asks before overwriting (TTY only) and refuses without a TTY. Call before sending any request. */
export async function checkOverwrite(file: string): Promise<void> {
  if (!existsSync(file)) return;
  if (statSync(file).isDirectory()) throw usageError(`-o ${file} is a directory; name a file`);
  if (!canPrompt()) {
    throw usageError(`-o ${file} already exists; refusing to overwrite it without a terminal to ask (delete it or choose another file)`);
  }
  if (!(await confirm(`${file} exists. Overwrite?`))) throw usageError(`Not overwriting ${file}; nothing was exported`);
}

export function fileTarget(file: string): OutputTarget {
  const abs = path.resolve(file);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${randomBytes(4).toString("hex")}.tmp`);
  // Opened now, so an unwritable directory fails before the request spends export quota.
  let fd: number;
  try {
    fd = openSync(tmp, "wx", 0o644);
  } catch (err) {
    throw usageError(`Cannot write -o ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  // A 1 MiB buffer: with the default 16 KiB nearly every network chunk waits for "drain", a round trip
  // through the thread pool each time (measured ~10x slower); memory stays bounded either way.
  const stream: WriteStream = createWriteStream(tmp, { fd, autoClose: true, highWaterMark: 1 << 20 });
  let settled = false;
  const cleanup = () => {
    if (settled) return;
    settled = true;
    stream.destroy();
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  };
  // Ctrl-C mid-export: leave no temp file behind.
  const onSignal = () => {
    cleanup();
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return {
    file,
    write: (chunk) => writeWithBackpressure(stream, chunk),
    async commit() {
      stream.end();
      await once(stream, "close");
      renameSync(tmp, abs);
      settled = true;
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
    discard() {
      cleanup();
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
