// `flywheel link`: remembers the server, the app and the credentials for the project in the current
// directory (.flywheel/). Missing values are kept from an existing link, else asked for on a terminal.
import { Command } from "commander";
import { appIdSchema } from "../../lib/core/tenancy";
import { usageError } from "../lib/cli-error";
import { authFrom, normaliseBaseUrl } from "../lib/connection";
import { info } from "../lib/output";
import { readProjectLink, writeLinkConfig, writeLinkCredentials, type LinkCredentials } from "../lib/project-link";
import { ask, askHidden, canPrompt } from "../lib/prompt";

interface LinkFlags {
  baseUrl?: string;
  app?: string;
  apiKey?: string;
  token?: string;
}

async function orAsk(value: string | undefined, flag: string, question: string, hidden = false): Promise<string> {
  if (value !== undefined && value.trim() !== "") return value.trim();
  if (value !== undefined) throw usageError(`${flag} must not be empty`);
  if (!canPrompt()) throw usageError(`Missing ${flag} (no terminal to ask on)`);
  const answer = (hidden ? await askHidden(question) : await ask(question)).trim();
  if (!answer) throw usageError(`Missing ${flag}`);
  return answer;
}

export async function link(flags: LinkFlags): Promise<void> {
  if (flags.apiKey !== undefined && flags.token !== undefined) throw usageError("Pass either --api-key or --token, not both");
  const current = readProjectLink();
  const baseUrl = normaliseBaseUrl(
    await orAsk(flags.baseUrl ?? current.config?.base_url, "--base-url", "Flywheel server URL (e.g. http://localhost:3000): "),
    "--base-url",
  );
  const appIdText = await orAsk(flags.app ?? current.config?.app_id, "--app", "App id: ");
  const app = appIdSchema.safeParse(appIdText);
  if (!app.success) throw usageError(`--app ${app.error.issues[0].message}`);

  let credentials: LinkCredentials | undefined;
  if (flags.token !== undefined) {
    const auth = authFrom(flags.token);
    if (auth.kind !== "jwt") throw usageError("--token must be a JWT (from flywheel login or POST /v1/auth/token)");
    credentials = { type: "jwt", token: auth.token };
  } else if (flags.apiKey !== undefined || !current.credentials) {
    const key = await orAsk(flags.apiKey, "--api-key", "API key (input hidden): ", true);
    const auth = authFrom(key);
    credentials = auth.kind === "jwt" ? { type: "jwt", token: auth.token } : { type: "api_key", api_key: auth.key };
  }

  const configFile = writeLinkConfig({ base_url: baseUrl, app_id: app.data });
  if (credentials) writeLinkCredentials(credentials);
  const kept = credentials ? credentials.type : `${current.credentials!.type} (kept)`;
  info(`Linked this directory to app ${app.data} at ${baseUrl} (${configFile}; credentials: ${kept.replace("_", " ")}).`);
}

export function linkCommand(): Command {
  return new Command("link")
    .description("store the server URL, app id and credentials for the project in this directory (.flywheel/)")
    .option("--base-url <url>", "Flywheel server URL, e.g. https://flywheel.example.com")
    .option("--app <id>", "app id (as in X-App-Id)")
    .option("--api-key <key>", "API key (stored in .flywheel/credentials.json, mode 0600)")
    .option("--token <jwt>", "a user access token instead of an API key (flywheel login gets one)")
    .addHelpText(
      "after",
      `
Values not given are kept from an existing link, or asked for when run in a terminal.
.flywheel/credentials.json holds the secret (mode 0600); .flywheel/.gitignore keeps it out of git.

Examples:
  flywheel link --base-url http://localhost:3000 --app app_demo --api-key "$KEY"
  flywheel link --app app_other          # switch app, keep server and credentials
`,
    )
    .action((flags: LinkFlags) => link(flags));
}
