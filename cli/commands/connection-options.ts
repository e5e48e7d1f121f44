// The connection flags every command that talks to the server takes, with the same precedence
// (flags, then FLYWHEEL_* variables, then the link: cli/lib/connection.ts).
import type { Command } from "commander";
import { resolveConnection, type Connection } from "../lib/connection";
import { cliEnv } from "../lib/env";
import { readProjectLink } from "../lib/project-link";

export interface ConnectionFlags {
  app?: string;
  apiKey?: string;
  baseUrl?: string;
}

export function withConnectionOptions(cmd: Command): Command {
  return cmd
    .option("--app <id>", "app id (default: FLYWHEEL_APP_ID, then the linked app)")
    .option("--api-key <key>", "API key (default: FLYWHEEL_API_KEY, then the linked credentials)")
    .option("--base-url <url>", "server URL (default: FLYWHEEL_BASE_URL, then the linked URL)");
}

export const connectionFrom = (flags: ConnectionFlags): Connection => resolveConnection(flags, cliEnv(), readProjectLink());
