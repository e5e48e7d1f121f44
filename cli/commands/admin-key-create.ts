// `flywheel admin key create --tenant T [--name N]` — the key is printed once and stored only hashed.
import { Command } from "commander";
import { createApiKey, findTenant } from "../../lib/core/tenancy";
import { withAdminDatabase } from "../lib/database";
import { info, printJson } from "../lib/output";

export function adminKeyCreateCommand(): Command {
  return new Command("create")
    .description("create an API key for a tenant; prints it as JSON, the only time the key is shown")
    .requiredOption("--tenant <tenant>", "tenant id or slug")
    .option("--name <name>", "label shown in the keys list (default: default)")
    .addHelpText("after", "\nExample:\n  flywheel admin key create --tenant acme --name ci | jq -r .key\n")
    .action(async (opts: { tenant: string; name?: string }) => {
      const key = await withAdminDatabase(async (db) => {
        const tenant = await findTenant(db, opts.tenant);
        return { tenant, ...(await createApiKey(db, { tenantId: tenant.id, name: opts.name })) };
      });
      printJson({ id: key.id, name: key.name, prefix: key.prefix, tenant_id: key.tenant.id, created_at: key.createdAt, key: key.key });
      info("Store this key now: it is shown only once (the server keeps only its hash).");
    });
}
