// `flywheel admin …` against the test database, then the created tenant/app/user/key used against the
// real server: the key authenticates an export, the user gets a token from /v1/auth/token.
import { describe, expect, inject, it } from "vitest";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { baseUrl, makeTenancy, testDb } from "../test/fixtures";
import { runCli, tempDirsPerTest } from "./test-support/run-cli";
import { exportRequestCount, seedSpans } from "./test-support/seed-spans";

const tempDir = tempDirsPerTest();

function admin(args: string[]) {
  return runCli(["admin", ...args], { cwd: tempDir(), env: { DATABASE_URL: inject("databaseUrl") } });
}

const tenantJson = z.object({ id: z.string(), slug: z.string(), name: z.string(), created_at: z.string() });
const appJson = z.object({ id: z.string(), name: z.string(), tenant_id: z.string(), created_at: z.string() });
const userJson = z.object({ id: z.string(), email: z.string(), tenant_id: z.string() });
const keyJson = z.object({ id: z.string(), name: z.string(), prefix: z.string(), tenant_id: z.string(), created_at: z.string(), key: z.string() });

describe("flywheel admin", () => {
  it("creates a tenant, app, user and key that work against the server", async () => {
    const suffix = randomUUID().slice(0, 8);
    const t = await admin(["tenant", "create", "--name", `Acme ${suffix}`, "--slug", `acme-${suffix}`]);
    expect(t.stderr).toBe("");
    expect(t.code).toBe(0);
    const tenant = tenantJson.parse(JSON.parse(t.stdout));
    expect(tenant).toMatchObject({ slug: `acme-${suffix}`, name: `Acme ${suffix}` });

    const a = await admin(["app", "create", "--tenant", tenant.slug, "--id", `app_cli_${suffix}`, "--name", "Support bot"]);
    expect(a.code).toBe(0);
    const app = appJson.parse(JSON.parse(a.stdout));
    expect(app).toMatchObject({ id: `app_cli_${suffix}`, name: "Support bot", tenant_id: tenant.id });

    const email = `ada-${suffix}@acme.test`;
    const u = await admin(["user", "create", "--tenant", tenant.id, "--email", email, "--password", "correct horse battery"]);
    expect(u.code).toBe(0);
    const user = userJson.parse(JSON.parse(u.stdout));
    expect(user).toMatchObject({ email, tenant_id: tenant.id });

    const k = await admin(["key", "create", "--tenant", tenant.slug, "--name", "ci"]);
    expect(k.code).toBe(0);
    const key = keyJson.parse(JSON.parse(k.stdout));
    expect(key).toMatchObject({ name: "ci", tenant_id: tenant.id });
    expect(key.key.startsWith(key.prefix)).toBe(true);
    expect(k.stderr).toMatch(/shown only once/);

    // The database keeps only the hash.
    const { prisma } = await testDb();
    const stored = await prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.keyHash).not.toContain(key.key);

    // The key authenticates an export of the new app (through the CLI, as a user would).
    await seedSpans(app.id, [{ spanId: "only", name: "hello", type: "GENERATION", model: "m1", timestamp: new Date(Date.now() - 60_000) }]);
    const exp = await runCli(["export", "traces", "--base-url", baseUrl(), "--app", app.id, "--api-key", key.key], { cwd: tempDir() });
    expect(exp.stderr).toMatch(/Exported 1 of 1/);
    expect(exp.code).toBe(0);
    const rows = exp.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.map((r) => r.span_id)).toEqual(["only"]);
    expect(await exportRequestCount(tenant.id)).toBe(1);

    // The user signs in through the token endpoint; the token works for the app as well.
    const res = await fetch(`${baseUrl()}/v1/auth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: "correct horse battery" }),
    });
    expect(res.status).toBe(200);
    const token = z.object({ access_token: z.string(), token_type: z.literal("Bearer"), expires_in: z.number() }).parse(await res.json());
    const viaJwt = await fetch(`${baseUrl()}/v1/traces/export?appId=${app.id}`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(viaJwt.status).toBe(200);
    const lines = (await viaJwt.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines[0].span_id).toBe("only");
  });

  it("makes the app id from the name and the slug from the tenant name when not given", async () => {
    const suffix = randomUUID().slice(0, 8);
    const t = await admin(["tenant", "create", "--name", `Big Corp ${suffix}`]);
    expect(t.code).toBe(0);
    expect(tenantJson.parse(JSON.parse(t.stdout)).slug).toBe(`big-corp-${suffix}`);
    const a = await admin(["app", "create", "--tenant", `big-corp-${suffix}`, "--name", `Search ${suffix}`]);
    expect(a.code).toBe(0);
    expect(appJson.parse(JSON.parse(a.stdout)).id).toBe(`app_search_${suffix}`);
    const k = await admin(["key", "create", "--tenant", `big-corp-${suffix}`]);
    expect(keyJson.parse(JSON.parse(k.stdout)).name).toBe("default");
  });

  it("exits 2 with one line for missing or invalid flags, and 1 for other failures", async () => {
    const missing = await admin(["tenant", "create"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/required option '--name <name>'/);
    expect(missing.stdout).toBe("");

    const badSlug = await admin(["tenant", "create", "--name", "x", "--slug", "Not A Slug"]);
    expect(badSlug.code).toBe(2);
    expect(badSlug.stderr.trim().split("\n")).toHaveLength(1);
    expect(badSlug.stderr).toMatch(/^flywheel: slug must be lowercase/);

    const suffix = randomUUID().slice(0, 8);
    expect((await admin(["tenant", "create", "--name", "dup", "--slug", `dup-${suffix}`])).code).toBe(0);
    const dup = await admin(["tenant", "create", "--name", "dup", "--slug", `dup-${suffix}`]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);

    const noTenant = await admin(["app", "create", "--tenant", `nope-${suffix}`, "--name", "x"]);
    expect(noTenant.code).toBe(1);
    expect(noTenant.stderr).toMatch(/No tenant with id or slug "nope-/);

    const badEmail = await admin(["user", "create", "--tenant", `dup-${suffix}`, "--email", "not-an-email", "--password", "long enough"]);
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toMatch(/email must be an email address/);

    const shortPassword = await admin(["user", "create", "--tenant", `dup-${suffix}`, "--email", `a-${suffix}@x.test`, "--password", "short"]);
    expect(shortPassword.code).toBe(2);
    expect(shortPassword.stderr).toMatch(/password must be at least 8 characters/);

    const unknownCommand = await admin(["tenant", "delete"]);
    expect(unknownCommand.code).toBe(2);
  });

  it("sets a password and removes a member, each ending the user's sessions and access tokens", async () => {
    const t = await makeTenancy("adminpw");
    const tokenFor = async (password: string) => {
      const res = await fetch(`${baseUrl()}/v1/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: t.email, password }),
      });
      return res.ok ? ((await res.json()) as { access_token: string }).access_token : res.status;
    };
    const exportStatus = async (jwt: string | number) => {
      const res = await fetch(`${baseUrl()}/v1/traces/export?appId=${t.appId}&limit=1`, { headers: { authorization: `Bearer ${jwt}` } });
      await res.body?.cancel();
      return res.status;
    };
    const before = await tokenFor(t.password);
    expect(await exportStatus(before)).toBe(200);

    const pw = await admin(["user", "password", "--email", t.email.toUpperCase(), "--password", "another horse"]);
    expect(pw.code).toBe(0);
    expect(JSON.parse(pw.stdout)).toEqual({ id: t.userId, email: t.email });
    expect(pw.stderr).toMatch(/sessions and access tokens have ended/);
    expect(await exportStatus(before)).toBe(401);
    expect(await tokenFor(t.password)).toBe(401);
    const after = await tokenFor("another horse");
    expect(await exportStatus(after)).toBe(200);

    const rm = await admin(["user", "remove", "--tenant", t.slug, "--email", t.email]);
    expect(rm.code).toBe(0);
    expect(JSON.parse(rm.stdout)).toMatchObject({ id: t.userId, tenant_id: t.tenantId, removed: true });
    expect(await exportStatus(after)).toBe(401);
    expect(await exportStatus(await tokenFor("another horse"))).toBe(403);

    const again = await admin(["user", "remove", "--tenant", t.slug, "--email", t.email]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not a member of tenant/);
    const nobody = await admin(["user", "password", "--email", "nobody-at-all@x.test", "--password", "long enough"]);
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/No user with email/);
    const short = await admin(["user", "password", "--email", t.email, "--password", "short"]);
    expect(short.code).toBe(2);
  });

  it("exits 2 for a malformed DATABASE_URL and 1 when the database cannot be reached", async () => {
    const cwd = tempDir();
    const bad = await runCli(["admin", "tenant", "create", "--name", "x"], { cwd, env: { DATABASE_URL: "mysql://nope" } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/DATABASE_URL: must be a postgres/);
    const down = await runCli(["admin", "tenant", "create", "--name", "x"], {
      cwd,
      env: { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" },
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^flywheel: Cannot open the database/);
  });
});
