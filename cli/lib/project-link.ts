// The per-project link written by `flywheel link` / `flywheel login`: .flywheel/ in the current
// directory, config.json (server URL, app id) and credentials.json (API key or JWT, mode 0600).
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { usageError } from "./cli-error";

export const LINK_DIR = ".flywheel";

const configSchema = z.object({
  base_url: z.string().optional(),
  app_id: z.string().optional(),
});

const credentialsSchema = z.union([
  z.object({ type: z.literal("api_key"), api_key: z.string().min(1) }),
  z.object({ type: z.literal("jwt"), token: z.string().min(1), email: z.string().optional(), expires_at: z.string().optional() }),
]);

export type LinkConfig = z.infer<typeof configSchema>;
export type LinkCredentials = z.infer<typeof credentialsSchema>;

export interface ProjectLink {
  dir: string;
  config?: LinkConfig;
  credentials?: LinkCredentials;
}

export function linkDir(cwd = process.cwd()): string {
  return path.join(cwd, LINK_DIR);
}

function readJson<T>(file: string, schema: z.ZodType<T>): T | undefined {
  if (!existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw usageError(`${file} is not valid JSON (${(err as Error).message}); run flywheel link again`);
  }
  const r = schema.safeParse(value);
  if (!r.success) throw usageError(`${file} is not a Flywheel link file; run flywheel link again`);
  return r.data;
}

export function readProjectLink(cwd = process.cwd()): ProjectLink {
  const dir = linkDir(cwd);
  return {
    dir,
    config: readJson(path.join(dir, "config.json"), configSchema),
    credentials: readJson(path.join(dir, "credentials.json"), credentialsSchema),
  };
}

// Written to a temp file and renamed, so a crash never leaves a half-written link behind; the mode is
// set at creation, so a secret is never readable by others even for a moment.
function writeJson(file: string, value: unknown, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + "\n", { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Keeps the secret out of the project's repository even when .flywheel/ itself is committed.
  const ignore = path.join(dir, ".gitignore");
  if (!existsSync(ignore)) writeFileSync(ignore, "credentials.json\n*.tmp\n");
}

export function writeLinkConfig(config: LinkConfig, cwd = process.cwd()): string {
  const dir = linkDir(cwd);
  ensureDir(dir);
  const file = path.join(dir, "config.json");
  writeJson(file, configSchema.parse(config), 0o644);
  return file;
}

export function writeLinkCredentials(credentials: LinkCredentials, cwd = process.cwd()): string {
  const dir = linkDir(cwd);
  ensureDir(dir);
  const file = path.join(dir, "credentials.json");
  writeJson(file, credentialsSchema.parse(credentials), 0o600);
  return file;
}
