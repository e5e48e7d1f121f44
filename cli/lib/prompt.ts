// Questions asked only when a person is there to answer: stdin and stderr both terminals. Prompts go
// to stderr, so they never mix into data on stdout.
import { createInterface } from "node:readline";

export function canPrompt(): boolean {
  return Boolean(process.stdin.isTTY && process.stderr.isTTY);
}

export function ask(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise((resolve) => {
    // Ctrl-D (end of input) counts as an empty answer, i.e. "no".
    rl.once("close", () => resolve(""));
    rl.question(question, (answer) => {
      resolve(answer);
      rl.close();
    });
  });
}

export async function confirm(question: string): Promise<boolean> {
  return /^\s*y(es)?\s*$/i.test(await ask(`${question} [y/N] `));
}

/** Reads a line without echoing it (passwords). Ctrl-C aborts the process like anywhere else. */
export function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve) => {
    let value = "";
    const wasRaw = stdin.isRaw;
    // Echo goes off before the prompt appears, so nothing typed after it is ever shown.
    stdin.setRawMode(true);
    process.stderr.write(question);
    stdin.resume();
    const done = (answer: string) => {
      stdin.setRawMode(wasRaw);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      resolve(answer);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString("utf8")) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") return done(value);
        if (ch === "\u0003") {
          stdin.setRawMode(wasRaw);
          process.stderr.write("\n");
          process.exit(130);
        }
        if (ch === "\u007f" || ch === "\b") value = value.slice(0, -1);
        else if (ch >= " ") value += ch;
      }
    };
    stdin.on("data", onData);
  });
}
