// `flywheel admin …`: set-up commands for self-hosters and scripts. They act on the database directly
// (DATABASE_URL, else the embedded database under .data/), so no server or dashboard is needed.
import { Command } from "commander";
import { adminAppCreateCommand } from "./admin-app-create";
import { adminKeyCreateCommand } from "./admin-key-create";
import { adminTenantCreateCommand } from "./admin-tenant-create";
import { adminUserCreateCommand } from "./admin-user-create";
import { adminUserPasswordCommand } from "./admin-user-password";
import { adminUserRemoveCommand } from "./admin-user-remove";

const group = (name: string, description: string, ...commands: Command[]) =>
  commands.reduce((g, c) => g.addCommand(c), new Command(name).description(description));

export function adminCommand(): Command {
  return new Command("admin")
    .description("create tenants, apps, users and API keys directly in the database (prints JSON)")
    .addCommand(group("tenant", "manage tenants", adminTenantCreateCommand()))
    .addCommand(group("app", "manage apps", adminAppCreateCommand()))
    .addCommand(group("user", "manage users", adminUserCreateCommand(), adminUserPasswordCommand(), adminUserRemoveCommand()))
    .addCommand(group("key", "manage API keys", adminKeyCreateCommand()))
    .addHelpText(
      "after",
      `
Uses DATABASE_URL (PostgreSQL) when set, else the embedded database under .data/ in the project.
The embedded database allows one process at a time: stop the server first, or use DATABASE_URL.

Example (a fresh install):
  T=$(flywheel admin tenant create --name Acme --slug acme | jq -r .slug)
  flywheel admin app create --tenant "$T" --id app_support --name "Support bot"
  flywheel admin user create --tenant "$T" --email ada@acme.test --password 'correct horse'
  flywheel admin user password --email ada@acme.test --password 'another horse'   # ends her sessions
  flywheel admin key create --tenant "$T" --name ci
`,
    );
}
