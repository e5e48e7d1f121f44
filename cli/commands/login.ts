// `flywheel login`: email + password → a user access token (JWT) from POST /v1/auth/token, stored
// in the project's link like `flywheel link --token` would.
import { Command } from "commander";
import { z } from "zod";
import { CliError, EXIT, failure, unavailable, usageError } from "../lib/cli-error";
import { resolveBaseUrl } from "../lib/connection";
import { cliEnv } from "../lib/env";
import { errorFromResponse, retryAfterText, send } from "../lib/http";
import { info } from "../lib/output";
import { readProjectLink, writeLinkConfig, writeLinkCredentials } from "../lib/project-link";
import { ask, askHidden, canPrompt } from "../lib/prompt";

interface LoginFlags {
  email?: string;
  password?: string;
  baseUrl?: string;
  app?: string;
}

const tokenResponse = z.object({ access_token: z.string().min(1), token_type: z.string(), expires_in: z.number() });

export async function login(flags: LoginFlags): Promise<void> {
  const env = cliEnv();
  const current = readProjectLink();
  const baseUrl = resolveBaseUrl(flags.baseUrl, env, current);
  let email = flags.email?.trim();
  if (!email && canPrompt()) email = (await ask("Email: ")).trim();
  if (!email) throw usageError("Missing --email");
  let password = flags.password ?? env.FLYWHEEL_PASSWORD;
  if (password === undefined && canPrompt()) password = await askHidden("Password: ");
  if (!password) throw usageError("No password: pass --password, set FLYWHEEL_PASSWORD, or run in a terminal to be asked");

  const res = await send(`${baseUrl}/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", "user-agent": "flywheel-cli" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status === 401) throw failure(`Login failed: wrong email or password for ${email}`);
  if (res.status === 429) {
    throw new CliError(EXIT.unavailable, `Login refused: too many failed attempts for ${email}; ${retryAfterText(res.headers.get("retry-after"))}.`);
  }
  if (!res.ok) throw await errorFromResponse(res);
  const body = tokenResponse.safeParse(await res.json().catch(() => undefined));
  if (!body.success) throw unavailable(`Login failed: ${baseUrl}/v1/auth/token did not answer with a token`);

  const appId = flags.app?.trim() || env.FLYWHEEL_APP_ID || current.config?.app_id;
  writeLinkConfig({ base_url: baseUrl, app_id: appId });
  const expiresAt = new Date(Date.now() + body.data.expires_in * 1000).toISOString();
  const file = writeLinkCredentials({ type: "jwt", token: body.data.access_token, email, expires_at: expiresAt });
  info(`Logged in as ${email}; token stored in ${file} (expires ${expiresAt}).`);
  if (!appId) info("No app linked yet: pass --app here or to flywheel link, or --app to each export.");
}

export function loginCommand(): Command {
  return new Command("login")
    .description("sign in with email and password; stores a user access token for this directory's project")
    .option("--email <email>", "your sign-in email (asked for in a terminal when missing)")
    .option("--password <password>", "your password (default: FLYWHEEL_PASSWORD, else asked for without echo)")
    .option("--base-url <url>", "server URL (default: FLYWHEEL_BASE_URL, then the linked URL)")
    .option("--app <id>", "app to link as well (default: FLYWHEEL_APP_ID, then the linked app)")
    .addHelpText(
      "after",
      `
Examples:
  flywheel login --base-url http://localhost:3000 --email demo@flywheel.local --app app_demo
  FLYWHEEL_PASSWORD=… flywheel login --email ci@acme.test      # no prompt, for scripts
`,
    )
    .action((flags: LoginFlags) => login(flags));
}
