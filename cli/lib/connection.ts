// Where a request goes and who it is from. Each setting is taken from the first source that has it:
// flags, then the environment (FLYWHEEL_BASE_URL, FLYWHEEL_APP_ID, FLYWHEEL_API_KEY), then the
// project's link (.flywheel/).
import { z } from "zod";
import { looksLikeJwt } from "../../lib/core/secrets";
import { usageError } from "./cli-error";
import type { CliEnv } from "./env";
import type { ProjectLink } from "./project-link";

export type Auth = { kind: "api_key"; key: string } | { kind: "jwt"; token: string };

export interface Connection {
  baseUrl: string;
  appId: string;
  auth: Auth;
}


const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });

export function normaliseBaseUrl(value: string, flag: string): string {
  const r = httpUrl.safeParse(value.trim());
  if (!r.success) throw usageError(`${flag} must be an http:// or https:// URL (got "${value}")`);
  return r.data.replace(/\/+$/, "");
}

export function authFrom(credential: string): Auth {
  const c = credential.trim();
  return looksLikeJwt(c) ? { kind: "jwt", token: c } : { kind: "api_key", key: c };
}

export function resolveBaseUrl(flag: string | undefined, env: CliEnv, link: ProjectLink): string {
  if (flag !== undefined) return normaliseBaseUrl(flag, "--base-url");
  if (env.FLYWHEEL_BASE_URL) return normaliseBaseUrl(env.FLYWHEEL_BASE_URL, "FLYWHEEL_BASE_URL");
  if (link.config?.base_url) return normaliseBaseUrl(link.config.base_url, `${link.dir}/config.json base_url`);
  throw usageError("No server URL: run `flywheel link`, pass --base-url, or set FLYWHEEL_BASE_URL");
}

export function resolveConnection(
  flags: { baseUrl?: string; app?: string; apiKey?: string },
  env: CliEnv,
  link: ProjectLink,
): Connection {
  const baseUrl = resolveBaseUrl(flags.baseUrl, env, link);
  const appId = (flags.app ?? env.FLYWHEEL_APP_ID ?? link.config?.app_id)?.trim();
  if (!appId) throw usageError("No app: run `flywheel link`, pass --app, or set FLYWHEEL_APP_ID");
  let auth: Auth | undefined;
  if (flags.apiKey !== undefined) {
    if (!flags.apiKey.trim()) throw usageError("--api-key must not be empty");
    auth = authFrom(flags.apiKey);
  } else if (env.FLYWHEEL_API_KEY) auth = authFrom(env.FLYWHEEL_API_KEY);
  else if (link.credentials?.type === "api_key") auth = { kind: "api_key", key: link.credentials.api_key };
  else if (link.credentials?.type === "jwt") auth = { kind: "jwt", token: link.credentials.token };
  if (!auth) {
    throw usageError("No credentials: run `flywheel link` or `flywheel login`, pass --api-key, or set FLYWHEEL_API_KEY");
  }
  return { baseUrl, appId, auth };
}

/** Headers (and, for a JWT, the appId query parameter) that authenticate a request for the app. */
export function authHeaders(conn: Connection): Record<string, string> {
  if (conn.auth.kind === "api_key") return { authorization: `Bearer ${conn.auth.key}`, "x-app-id": conn.appId };
  return { authorization: `Bearer ${conn.auth.token}` };
}
