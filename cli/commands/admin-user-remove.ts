// `flywheel admin user remove --tenant T --email E`
import { Command } from "commander";
import { removeMembership } from "../../lib/core/tenancy";
import { withAdminDatabase } from "../lib/database";
import { info, printJson } from "../lib/output";

export function adminUserRemoveCommand(): Command {
  return new Command("remove")
    .description("remove a user from a tenant; ends every session and access token of the user; prints JSON")
    .requiredOption("--tenant <tenant>", "tenant id or slug")
    .requiredOption("--email <email>", "the user's sign-in email")
    .addHelpText("after", "\nExample:\n  flywheel admin user remove --tenant acme --email ada@acme.test\n")
    .action(async (opts: { tenant: string; email: string }) => {
      const removed = await withAdminDatabase((db) => removeMembership(db, opts));
      printJson({ id: removed.id, email: removed.email, tenant_id: removed.tenantId, removed: true });
      info("Removed. The user's sessions and access tokens have ended (for every tenant: they sign in again).");
    });
}
