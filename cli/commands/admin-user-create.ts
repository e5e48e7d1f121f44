// `flywheel admin user create --tenant T --email E --password P`
import { Command } from "commander";
import { createUser } from "../../lib/core/tenancy";
import { withAdminDatabase } from "../lib/database";
import { printJson } from "../lib/output";

export function adminUserCreateCommand(): Command {
  return new Command("create")
    .description("create a user who is a member of the tenant (an existing user joins it); prints it as JSON")
    .requiredOption("--tenant <tenant>", "tenant id or slug")
    .requiredOption("--email <email>", "sign-in email")
    .requiredOption("--password <password>", "sign-in password, at least 8 characters (ignored for an existing user)")
    .option("--name <name>", "display name")
    .addHelpText("after", "\nExample:\n  flywheel admin user create --tenant acme --email ada@acme.test --password 'correct horse'\n")
    .action(async (opts: { tenant: string; email: string; password: string; name?: string }) => {
      const user = await withAdminDatabase((db) => createUser(db, opts));
      printJson({ id: user.id, email: user.email, tenant_id: user.tenantId });
    });
}
