// `flywheel admin tenant create --name N [--slug S]`
import { Command } from "commander";
import { createTenant } from "../../lib/core/tenancy";
import { withAdminDatabase } from "../lib/database";
import { printJson } from "../lib/output";

export function adminTenantCreateCommand(): Command {
  return new Command("create")
    .description("create a tenant (an organisation); prints it as JSON")
    .requiredOption("--name <name>", "display name")
    .option("--slug <slug>", "URL-safe id: lowercase letters, digits, - or _ (default: made from the name)")
    .addHelpText("after", "\nExample:\n  flywheel admin tenant create --name 'Acme Inc' --slug acme\n")
    .action(async (opts: { name: string; slug?: string }) => {
      const tenant = await withAdminDatabase((db) => createTenant(db, opts));
      printJson({ id: tenant.id, slug: tenant.slug, name: tenant.name, created_at: tenant.createdAt });
    });
}
