// The one module that reads process.env. Every variable is validated here, so a missing or bad one
// stops the process at start with a message naming it (SPEC §6).
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Absent: the embedded PGlite database under .data/ is used.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  // Signs dashboard sessions and the API's JWTs. `npm run dev` makes one up; `npm start` requires it.
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  NEXTAUTH_URL: z.url("must be a URL such as http://localhost:3000").optional(),
  FLYWHEEL_EXPORT_RATE_LIMIT: z.coerce.number().int().min(1, "must be a positive integer").default(10),
  FLYWHEEL_SCORE_RETENTION_DAYS: z.coerce.number().int().min(1, "must be a positive integer").default(90),
  FLYWHEEL_DEMO_API_KEY: z.string().min(16, "must be at least 16 characters").optional(),
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
  if (result.data.NODE_ENV === "production" && !result.data.NEXTAUTH_SECRET) {
    throw new Error("Invalid environment:\n  NEXTAUTH_SECRET: required when NODE_ENV=production (npm start)");
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
