// Runs the real `flywheel` executable (node bin/flywheel.mjs) as a subprocess, the way a user does.
// The environment is cleaned of FLYWHEEL_* and DATABASE_URL so a developer's shell never leaks in.
import { afterEach } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const BIN = path.resolve(__dirname, "..", "..", "bin", "flywheel.mjs");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

export function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith("FLYWHEEL_") && k !== "DATABASE_URL") env[k] = v;
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env as NodeJS.ProcessEnv;
}

export function runCli(args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // stdin is /dev/null: no terminal, as in CI or a pipeline.
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env: cleanEnv(opts.env ?? {}), stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", reject);
    child.on("close", (code) => {
      const stdoutBytes = Buffer.concat(out);
      resolve({ code, stdout: stdoutBytes.toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), stdoutBytes });
    });
  });
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the CLI on a pseudo-terminal (util-linux `script`) and answers its prompts like a person: each
 * answer is typed only once its prompt has appeared (typed-ahead text would be echoed by the terminal
 * itself, before the program could turn echo off). stdout and stderr come back mixed in `output`.
 */
export function runCliOnPty(
  args: string[],
  opts: { cwd: string; answers: { prompt: string; type: string }[]; env?: Record<string, string | undefined> },
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map(shq).join(" ");
  const answers = [...opts.answers];
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: opts.cwd, env: cleanEnv(opts.env ?? {}), stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    let searchFrom = 0;
    const onData = (d: Buffer) => {
      output += d.toString("utf8");
      const next = answers[0];
      const at = next ? output.indexOf(next.prompt, searchFrom) : -1;
      if (next && at >= 0) {
        answers.shift();
        searchFrom = at + next.prompt.length;
        child.stdin.write(next.type);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * For a test file: a function giving a fresh working directory per call (so each test has its own
 * .flywheel/ link), all removed after each test.
 */
export function tempDirsPerTest(): () => string {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  return () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "flywheel-cli-"));
    dirs.push(dir);
    return dir;
  };
}
