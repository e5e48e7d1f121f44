// `flywheel admin app create --tenant T [--id ID] --name N`
import { Command } from "commander";
import { createApp } from "../../lib/core/tenancy";
import { withAdminDatabase } from "../lib/database";
import { printJson } from "../lib/output";

export function adminAppCreateCommand(): Command {
  return new Command("create")
    .description("create an app (project) in a tenant; prints it as JSON")
    .requiredOption("--tenant <tenant>", "tenant id or slug")
    .requiredOption("--name <name>", "display name")
    .option("--id <id>", "app id, as sent in X-App-Id: letters, digits, - or _ (default: app_<name>)")
    .addHelpText("after", "\nExample:\n  flywheel admin app create --tenant acme --id app_support --name 'Support bot'\n")
    .action(async (opts: { tenant: string; name: string; id?: string }) => {
      const app = await withAdminDatabase((db) => createApp(db, opts));
      printJson({ id: app.id, name: app.name, tenant_id: app.tenantId, created_at: app.createdAt });
    });
}
