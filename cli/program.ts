// The `flywheel` command tree. Kept apart from index.ts (which runs it) so its shape is easy to read.
import { Command } from "commander";
import { adminCommand } from "./commands/admin";
import { exportCancelCommand } from "./commands/export-cancel";
import { exportDownloadCommand } from "./commands/export-download";
import { exportListCommand } from "./commands/export-list";
import { exportStatusCommand } from "./commands/export-status";
import { exportTracesCommand } from "./commands/export-traces";
import { linkCommand } from "./commands/link";
import { loginCommand } from "./commands/login";

const HELP_AFTER = `
Commands at a glance (details: docs/cli.md):
  flywheel link --base-url URL --app ID --api-key KEY    remember server, app and key for this directory
  flywheel login --email E [--password P]                 get a user access token (JWT) instead of a key
  flywheel export traces [filters] [-o FILE]              stream matching spans as jsonl, openai or csv
      --format --app --score (repeatable) --since --until --limit --model --type --status --name
      --user-id --tag --metadata key=value --lightweight --dry-run -o/--output --api-key --base-url --cursor
  flywheel export traces --all [filters] [-o FILE|DIR]    every matching row as a bulk export job (progress, then the file)
      --format parquet --gzip --destination local|s3 --no-wait
  flywheel export status ID | download ID [--file NAME] [-o …] | cancel ID | list    follow bulk export jobs

Admin commands print JSON and act on the database directly (DATABASE_URL, else the embedded .data/):
  flywheel admin tenant create --name N [--slug S]
  flywheel admin app create --tenant T [--id ID] --name N
  flywheel admin user create --tenant T --email E --password P
  flywheel admin key create --tenant T [--name N]

Environment: FLYWHEEL_BASE_URL, FLYWHEEL_APP_ID, FLYWHEEL_API_KEY (flags win over these, and these over
the link), FLYWHEEL_PASSWORD (login), DATABASE_URL (admin).

Examples:
  flywheel link --base-url http://localhost:3000 --app app_demo --api-key "$FLYWHEEL_DEMO_API_KEY"
  flywheel export traces --since 7d --score 'correctness>=0.8' --format openai -o train.jsonl
  flywheel export traces --model gpt-4o --limit 100 | jq -r .span_name
  flywheel export traces --format csv --dry-run

Exit codes: 0 ok · 1 authentication/access failure (or other failure) · 2 bad flags, no link or
credentials · 3 bulk export job failed · 4 bulk export job cancelled · 5 rate limited, server error or
network failure · 130 interrupted (Ctrl-C; a bulk export job keeps running).
`;

export function buildProgram(): Command {
  const program = new Command("flywheel")
    .description("Flywheel CLI: export LLM traces for fine-tuning and analysis, and administer a Flywheel server")
    .version("0.1.0", "-v, --version")
    .addHelpText("after", HELP_AFTER);
  const exportCmd = new Command("export")
    .description("export data (traces), and follow bulk export jobs")
    .addCommand(exportTracesCommand())
    .addCommand(exportStatusCommand())
    .addCommand(exportDownloadCommand())
    .addCommand(exportCancelCommand())
    .addCommand(exportListCommand());
  program.addCommand(linkCommand()).addCommand(loginCommand()).addCommand(exportCmd).addCommand(adminCommand());
  return program;
}
