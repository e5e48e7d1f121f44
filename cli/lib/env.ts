// The CLI's one reader of process.env, validated with zod like the server's lib/env.ts. DATABASE_URL
// goes through the server's own parseEnv, so admin commands follow exactly the server's rule.
import { z } from "zod";
import { parseEnv } from "../../lib/env";
import { usageError } from "./cli-error";

const schema = z.object({
  FLYWHEEL_API_KEY: z.string().trim().min(1).optional(),
  FLYWHEEL_APP_ID: z.string().trim().min(1).optional(),
  FLYWHEEL_BASE_URL: z.url("must be a URL such as http://localhost:3000").optional(),
  FLYWHEEL_PASSWORD: z.string().min(1).optional(),
});

export type CliEnv = z.infer<typeof schema>;

function clean(source: Record<string, string | undefined>) {
  // Empty strings count as unset, as in lib/env.ts.
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
}

export function cliEnv(source: Record<string, string | undefined> = process.env): CliEnv {
  const s = clean(source);
  const r = schema.safeParse({
    FLYWHEEL_API_KEY: s.FLYWHEEL_API_KEY,
    FLYWHEEL_APP_ID: s.FLYWHEEL_APP_ID,
    FLYWHEEL_BASE_URL: s.FLYWHEEL_BASE_URL,
    FLYWHEEL_PASSWORD: s.FLYWHEEL_PASSWORD,
  });
  if (!r.success) {
    const i = r.error.issues[0];
    throw usageError(`Invalid environment: ${i.path.join(".")} ${i.message}`);
  }
  return r.data;
}

/** DATABASE_URL for the admin commands, validated by the server's env schema. */
export function databaseUrl(source: Record<string, string | undefined> = process.env): string | undefined {
  try {
    return parseEnv({ DATABASE_URL: source.DATABASE_URL }).DATABASE_URL;
  } catch (err) {
    throw usageError((err as Error).message.replace(/\n\s*/g, " "));
  }
}
