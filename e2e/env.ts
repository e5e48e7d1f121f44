// Fixed ports for the browser suite: Playwright evaluates its config in several processes, so the
// server's address must be the same in each of them. Two browser runs side by side need their own
// E2E_PORT / E2E_DB_PORT, and on one PostgreSQL server their own database: `<TEST_DATABASE_URL's
// database>_e2e` by default, or E2E_DB_NAME.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3310);
export const E2E_DB_PORT = Number(process.env.E2E_DB_PORT ?? 3311);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DB_NAME = process.env.E2E_DB_NAME ?? e2eDatabaseName(process.env.TEST_DATABASE_URL);
/** Rate limit of the e2e server; tests that need the 429 fill the quota of their own tenant. */
export const E2E_RATE_LIMIT = 20;
/** The demo tenant's API key in the e2e database. */
export const E2E_DEMO_API_KEY = "fw_e2e_demo_key_0123456789abcdef";

function e2eDatabaseName(testDatabaseUrl: string | undefined): string {
  const base = testDatabaseUrl ? new URL(testDatabaseUrl).pathname.slice(1) : "";
  return base && base !== "postgres" ? `${base}_e2e` : "flywheel_e2e";
}

export function e2eDatabaseUrl(): string {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return `postgresql://postgres@127.0.0.1:${E2E_DB_PORT}/postgres?sslmode=disable`;
  const u = new URL(server);
  u.pathname = `/${E2E_DB_NAME}`;
  return u.toString();
}
