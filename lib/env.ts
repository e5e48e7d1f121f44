// The one module that reads process.env. Every variable is validated here, so a bad one stops the
// process at start with a message naming it. A variable only some commands need (NEXTAUTH_SECRET) is
// optional here and demanded by those commands through requireEnv, so a container that sets
// NODE_ENV=production for everything can still run `npm run db:migrate` or `npm run db:seed`.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Absent: the embedded PGlite database under .data/ is used.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  // Signs dashboard sessions and the API's JWTs. `npm run dev` makes one up; `npm start` requires it
  // (requireEnv in scripts/start.ts); lib/server/tokens.ts refuses to sign or verify without it.
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  NEXTAUTH_URL: z.url("must be a URL such as http://localhost:3000").optional(),
  FLYWHEEL_EXPORT_RATE_LIMIT: z.coerce.number().int().min(1, "must be a positive integer").default(10),
  FLYWHEEL_SCORE_RETENTION_DAYS: z.coerce.number().int().min(1, "must be a positive integer").default(90),
  FLYWHEEL_DEMO_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
  // How many reverse proxies in front of the server append to X-Forwarded-For: which entry of it is the
  // client address the login throttle counts (lib/core/client-address.ts, docs/security.md).
  FLYWHEEL_TRUSTED_PROXIES: z.coerce.number().int().min(0, "must be 0 or more").max(10, "must be at most 10").default(0),
  // Bulk exports (docs/bulk-exports.md): the most rows one job may write (and its default).
  FLYWHEEL_EXPORT_MAX_ROWS: z.coerce.number().int().min(1, "must be a positive integer").default(5_000_000),
  // Jobs one process runs at a time (server or `npm run worker`); a tenant never has more than one running.
  FLYWHEEL_EXPORT_JOB_CONCURRENCY: z.coerce.number().int().min(1, "must be a positive integer").max(64, "must be at most 64").default(2),
  FLYWHEEL_EXPORT_DIR: z.string().default(".data/exports"),
  FLYWHEEL_EXPORT_FILE_DAYS: z.coerce.number().int().min(1, "must be a positive integer").default(7),
  // destination=s3 (any S3-compatible store); without a bucket, a job asking for s3 is a 400.
  FLYWHEEL_EXPORT_S3_BUCKET: z.string().optional(),
  FLYWHEEL_EXPORT_S3_ENDPOINT: z.url("must be a URL such as http://127.0.0.1:9000").optional(),
  FLYWHEEL_EXPORT_S3_REGION: z.string().default("us-east-1"),
  FLYWHEEL_EXPORT_S3_PREFIX: z.string().default(""),
  // Rows a job writes between checkpoints (a tuning knob; tests make it small to stop a job midway).
  FLYWHEEL_EXPORT_PAGE_ROWS: z.coerce.number().int().min(1, "must be a positive integer").max(100_000, "must be at most 100000").optional(),
  // destination=s3: bytes per multipart part, uploaded while the job writes the file. S3 refuses parts
  // under 5 MiB (but the last) and takes at most 10,000 per object.
  FLYWHEEL_EXPORT_S3_PART_BYTES: z.coerce.number().int().min(5 * 1024 * 1024, "must be at least 5242880 (5 MiB, S3's smallest part)").max(5 * 1024 ** 3, "must be at most 5368709120 (5 GiB, S3's largest part)").default(8 * 1024 * 1024),
  // inline: the server process runs export jobs; off: only `npm run worker` processes do.
  FLYWHEEL_WORKER: z.enum(["inline", "off"], { message: "must be inline or off" }).default("inline"),
});

export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as shells and .env files often leave them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

/**
 * The value of a variable the calling command cannot run without, or an error naming it and saying
 * which command needs it, in parseEnv's format.
 */
export function requireEnv<K extends keyof Env>(env: Env, name: K, neededBy: string): NonNullable<Env[K]> {
  const value = env[name];
  if (value === undefined || value === null) {
    throw new Error(`Invalid environment:\n  ${String(name)}: required by ${neededBy}`);
  }
  return value as NonNullable<Env[K]>;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
