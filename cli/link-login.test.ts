// `flywheel link` and `flywheel login` write the project's .flywheel/ link; `export traces` then runs
// with no flags, and flags > environment > link decide each setting.
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { baseUrl, makeTenancy, type Tenancy } from "../test/fixtures";
import { freePort } from "../test/harness";
import { runCli, runCliOnPty, tempDirsPerTest } from "./test-support/run-cli";
import { exportRequestCount, seedSpans } from "./test-support/seed-spans";
import { parseJsonl } from "./test-support/jsonl";

const cwd = tempDirsPerTest();

async function seededTenancy(label: string): Promise<Tenancy> {
  const t = await makeTenancy(label);
  await seedSpans(t.appId, [
    { spanId: `${label}-a`, name: "a", type: "GENERATION", model: "m", timestamp: new Date(Date.now() - 60_000) },
    { spanId: `${label}-b`, name: "b", type: "SPAN", timestamp: new Date(Date.now() - 120_000) },
  ]);
  return t;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));
const mode = (file: string) => statSync(file).mode & 0o777;
const exportIds = (stdout: string) => parseJsonl(stdout).map((r) => r.span_id);

describe("flywheel link", () => {
  it("stores URL and app in config.json, the key in credentials.json (0600); export then needs no flags", async () => {
    const t = await seededTenancy("clilink");
    const dir = cwd();
    const r = await runCli(["link", "--base-url", `${baseUrl()}/`, "--app", t.appId, "--api-key", t.apiKey], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Linked this directory to app/);
    expect(readJson(path.join(dir, ".flywheel", "config.json"))).toEqual({ base_url: baseUrl(), app_id: t.appId });
    const creds = path.join(dir, ".flywheel", "credentials.json");
    expect(readJson(creds)).toEqual({ type: "api_key", api_key: t.apiKey });
    expect(mode(creds)).toBe(0o600);
    expect(readFileSync(path.join(dir, ".flywheel", ".gitignore"), "utf8")).toContain("credentials.json");
    // The key is never echoed.
    expect(r.stderr).not.toContain(t.apiKey);

    const exp = await runCli(["export", "traces"], { cwd: dir });
    expect(exp.code).toBe(0);
    expect(exportIds(exp.stdout)).toEqual(["clilink-a", "clilink-b"]);

    // Re-linking with only --app keeps the server and the key.
    const relink = await runCli(["link", "--app", "app_other"], { cwd: dir });
    expect(relink.code).toBe(0);
    expect(readJson(path.join(dir, ".flywheel", "config.json"))).toEqual({ base_url: baseUrl(), app_id: "app_other" });
    expect(readJson(creds)).toEqual({ type: "api_key", api_key: t.apiKey });
  });

  it("exits 2 when values are missing and there is no terminal to ask, or both --api-key and --token", async () => {
    const dir = cwd();
    const missing = await runCli(["link", "--base-url", baseUrl(), "--api-key", "k"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("flywheel: Missing --app (no terminal to ask on)\n");
    const both = await runCli(["link", "--base-url", baseUrl(), "--app", "a", "--api-key", "k", "--token", "a.b.c"], { cwd: dir });
    expect(both.code).toBe(2);
    const badUrl = await runCli(["link", "--base-url", "ftp://x", "--app", "a", "--api-key", "k"], { cwd: dir });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toMatch(/--base-url must be an http/);
    expect(existsSync(path.join(dir, ".flywheel", "config.json"))).toBe(false);
  });

  it("asks for missing values on a terminal, without echoing the key", async () => {
    const t = await seededTenancy("clilinkpty");
    const dir = cwd();
    const r = await runCliOnPty(["link"], {
      cwd: dir,
      answers: [
        { prompt: "Flywheel server URL", type: `${baseUrl()}\r` },
        { prompt: "App id: ", type: `${t.appId}\r` },
        { prompt: "API key (input hidden): ", type: `${t.apiKey}\r` },
      ],
    });
    expect(r.code).toBe(0);
    expect(r.output).toContain("Flywheel server URL");
    expect(r.output).toContain("API key (input hidden)");
    expect(r.output).not.toContain(t.apiKey);
    expect(readJson(path.join(dir, ".flywheel", "credentials.json"))).toEqual({ type: "api_key", api_key: t.apiKey });
    const exp = await runCli(["export", "traces"], { cwd: dir });
    expect(exportIds(exp.stdout)).toEqual(["clilinkpty-a", "clilinkpty-b"]);
  });

  it("flags win over the environment, which wins over the link", async () => {
    const t = await seededTenancy("cliprec");
    const other = await seededTenancy("cliprec2");
    const dir = cwd();
    const dead = `http://127.0.0.1:${await freePort()}`;
    // The link points at a dead server, another tenant's app and that tenant's key.
    expect((await runCli(["link", "--base-url", dead, "--app", other.appId, "--api-key", other.apiKey], { cwd: dir })).code).toBe(0);
    const linkOnly = await runCli(["export", "traces"], { cwd: dir });
    expect(linkOnly.code).toBe(5);
    expect(linkOnly.stderr).toMatch(/Cannot reach the Flywheel server/);

    const env = { FLYWHEEL_BASE_URL: baseUrl(), FLYWHEEL_APP_ID: t.appId, FLYWHEEL_API_KEY: t.apiKey };
    const viaEnv = await runCli(["export", "traces"], { cwd: dir, env });
    expect(viaEnv.code).toBe(0);
    expect(exportIds(viaEnv.stdout)).toEqual(["cliprec-a", "cliprec-b"]);

    const viaFlags = await runCli(["export", "traces", "--app", other.appId, "--api-key", other.apiKey], { cwd: dir, env });
    expect(viaFlags.code).toBe(0);
    expect(exportIds(viaFlags.stdout)).toEqual(["cliprec2-a", "cliprec2-b"]);

    const badFlagKey = await runCli(["export", "traces", "--api-key", "fw_not_a_real_key"], { cwd: dir, env });
    expect(badFlagKey.code).toBe(1);
    expect(badFlagKey.stderr).toMatch(/^flywheel: Authentication failed \(401\)/);
  });
});

describe("flywheel login", () => {
  it("stores a JWT from /v1/auth/token; export then authenticates as the user with appId=", async () => {
    const t = await seededTenancy("clilogin");
    const dir = cwd();
    const r = await runCli(["login", "--base-url", baseUrl(), "--email", t.email, "--password", t.password, "--app", t.appId], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`Logged in as ${t.email}`));
    const creds = path.join(dir, ".flywheel", "credentials.json");
    const stored = readJson(creds);
    expect(stored).toMatchObject({ type: "jwt", email: t.email });
    expect(stored.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(Date.parse(stored.expires_at)).toBeGreaterThan(Date.now());
    expect(mode(creds)).toBe(0o600);
    expect(readJson(path.join(dir, ".flywheel", "config.json"))).toEqual({ base_url: baseUrl(), app_id: t.appId });

    const exp = await runCli(["export", "traces"], { cwd: dir });
    expect(exp.code, exp.stderr).toBe(0);
    expect(exportIds(exp.stdout)).toEqual(["clilogin-a", "clilogin-b"]);
    expect(await exportRequestCount(t.tenantId)).toBe(1);
  });

  it("takes the password from FLYWHEEL_PASSWORD", async () => {
    const t = await makeTenancy("clienvpw");
    const dir = cwd();
    const r = await runCli(["login", "--base-url", baseUrl(), "--email", t.email], { cwd: dir, env: { FLYWHEEL_PASSWORD: t.password } });
    expect(r.code).toBe(0);
    expect(readJson(path.join(dir, ".flywheel", "credentials.json")).type).toBe("jwt");
    expect(r.stderr).toMatch(/No app linked yet/);
  });

  it("asks for the password on a terminal without echoing it", async () => {
    const t = await makeTenancy("clipty");
    const dir = cwd();
    const r = await runCliOnPty(["login", "--base-url", baseUrl(), "--email", t.email], {
      cwd: dir,
      answers: [{ prompt: "Password: ", type: `${t.password}\r` }],
    });
    expect(r.code).toBe(0);
    expect(r.output).toContain("Password: ");
    expect(r.output).not.toContain(t.password);
    expect(readJson(path.join(dir, ".flywheel", "credentials.json")).type).toBe("jwt");
  });

  it("a wrong password exits 1 and stores nothing; no password and no terminal exits 2", async () => {
    const t = await makeTenancy("cliwrong");
    const dir = cwd();
    const wrong = await runCli(["login", "--base-url", baseUrl(), "--email", t.email, "--password", "not-the-password"], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(`flywheel: Login failed: wrong email or password for ${t.email}\n`);
    expect(existsSync(path.join(dir, ".flywheel"))).toBe(false);
    const unknown = await runCli(["login", "--base-url", baseUrl(), "--email", "nobody@nowhere.test", "--password", "whatever-it-is"], { cwd: dir });
    expect(unknown.code).toBe(1);
    const noPassword = await runCli(["login", "--base-url", baseUrl(), "--email", t.email], { cwd: dir });
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toMatch(/No password/);
    const noServer = await runCli(["login", "--email", t.email, "--password", "x"], { cwd: dir });
    expect(noServer.code).toBe(2);
    expect(noServer.stderr).toMatch(/No server URL/);
  });
});
