// `flywheel admin user password --email E --password P`
import { Command } from "commander";
import { setPassword } from "../../lib/core/tenancy";
import { withAdminDatabase } from "../lib/database";
import { info, printJson } from "../lib/output";

export function adminUserPasswordCommand(): Command {
  return new Command("password")
    .description("set a user's password; ends every session and access token of the user; prints the user as JSON")
    .requiredOption("--email <email>", "the user's sign-in email")
    .requiredOption("--password <password>", "the new password, at least 8 characters")
    .addHelpText("after", "\nExample:\n  flywheel admin user password --email ada@acme.test --password 'another horse'\n")
    .action(async (opts: { email: string; password: string }) => {
      const user = await withAdminDatabase((db) => setPassword(db, opts));
      printJson({ id: user.id, email: user.email });
      info("Password set. The user's sessions and access tokens have ended: they sign in again.");
    });
}
