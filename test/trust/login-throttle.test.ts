// Login throttling over real HTTP (SPEC §8 "Logins", docs/security.md): POST /v1/auth/token and the
// dashboard's next-auth credentials login share one count per account and per (account, address), kept
// in the database; past the limit 429 + Retry-After, growing with repeated lockouts; a success resets
// the account; only failures count. The test server trusts no proxy, so the address a request is
// counted under is the last X-Forwarded-For entry (the connection's, unless the client sends one).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LOGIN_THROTTLE } from "../../lib/core/login-throttle";
import { baseUrl, makeTenancy, testDb } from "../fixtures";
import { credentialsLogin } from "../session";

const { perAddress, perAccount, lockSeconds } = LOGIN_THROTTLE;
const errorBody = z.object({ error: z.object({ code: z.string(), status: z.number(), detail: z.string() }) });

function token(email: string, password: string, address?: string): Promise<Response> {
  return fetch(`${baseUrl()}/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(address ? { "x-forwarded-for": address } : {}) },
    body: JSON.stringify({ email, password }),
  });
}

async function status(res: Response | Promise<Response>): Promise<number> {
  const r = await res;
  await r.body?.cancel();
  return r.status;
}

/** Seconds of a 429's Retry-After. */
function retryAfter(res: Response): number {
  expect(res.status).toBe(429);
  const value = res.headers.get("retry-after");
  expect(value).toMatch(/^\d+$/);
  return Number(value);
}

async function fail(email: string, times: number, address?: string): Promise<void> {
  for (let i = 0; i < times; i++) expect(await status(token(email, "wrong-password", address))).toBe(401);
}

/** Moves the account's remembered failures into the past, as if that much time had gone by. */
async function age(email: string, seconds: number): Promise<void> {
  await (await testDb()).execute(`UPDATE login_failure SET created_at = created_at - make_interval(secs => $2) WHERE account = $1`, [
    email,
    seconds,
  ]);
}

describe("login throttle on POST /v1/auth/token", () => {
  it(`refuses the ${perAddress + 1}th attempt from one address with 429 + Retry-After, the right password too`, async () => {
    const t = await makeTenancy("thr");
    await fail(t.email, perAddress, "198.51.100.1");
    const locked = await token(t.email, t.password, "198.51.100.1");
    const wait = retryAfter(locked);
    expect(wait).toBeGreaterThan(lockSeconds - 60);
    expect(wait).toBeLessThanOrEqual(lockSeconds);
    const body = errorBody.parse(await locked.json());
    expect(body.error).toMatchObject({ code: "too_many_attempts", status: 429 });
    expect(body.error.detail).toMatch(/too many failed sign-in attempts/i);
    // Refused attempts are not counted: the wait does not grow while the client keeps knocking.
    for (let i = 0; i < 3; i++) expect(retryAfter(await token(t.email, "wrong-password", "198.51.100.1"))).toBeLessThanOrEqual(wait);
  });

  it("locks only that address while the account is under its own limit; a success elsewhere resets the account", async () => {
    const t = await makeTenancy("thrpair");
    await fail(t.email, perAddress, "198.51.100.2");
    expect(await status(token(t.email, t.password, "198.51.100.2"))).toBe(429);
    // The owner, from another address, signs in: the account's failures are forgotten, everywhere.
    expect(await status(token(t.email, t.password, "203.0.113.2"))).toBe(200);
    expect(await status(token(t.email, t.password, "198.51.100.2"))).toBe(200);
  });

  it(`locks the account for every address after ${perAccount} failures from many`, async () => {
    const t = await makeTenancy("thracct");
    for (let a = 0; a < perAccount / perAddress; a++) await fail(t.email, perAddress, `192.0.2.${a + 10}`);
    const fresh = await token(t.email, t.password, "203.0.113.99");
    expect(retryAfter(fresh)).toBeGreaterThan(lockSeconds - 60);
    await fresh.body?.cancel();
    // Another account is not affected.
    const other = await makeTenancy("throther");
    expect(await status(token(other.email, other.password, "203.0.113.99"))).toBe(200);
  });

  it("lets Retry-After grow with each further lockout", async () => {
    const t = await makeTenancy("thrgrow");
    const address = "198.51.100.3";
    await fail(t.email, perAddress, address);
    const first = retryAfter(await token(t.email, "wrong-password", address));
    // The first lockout is over; the next full set of failures earns one twice as long.
    await age(t.email, lockSeconds + 60);
    await fail(t.email, perAddress, address);
    const second = retryAfter(await token(t.email, "wrong-password", address));
    expect(second).toBeGreaterThan(2 * lockSeconds - 60);
    expect(second).toBeLessThanOrEqual(2 * lockSeconds);
    expect(second).toBeGreaterThan(first);
    await age(t.email, 2 * lockSeconds + 60);
    await fail(t.email, perAddress, address);
    expect(retryAfter(await token(t.email, "wrong-password", address))).toBeGreaterThan(4 * lockSeconds - 60);
  });

  it("counts failures only: a success resets the count, and many successes never lock anyone out", async () => {
    const t = await makeTenancy("throk");
    await fail(t.email, perAddress - 1);
    expect(await status(token(t.email, t.password))).toBe(200);
    await fail(t.email, perAddress - 1);
    expect(await status(token(t.email, t.password))).toBe(200);
    for (let i = 0; i < 3 * perAddress; i++) expect(await status(token(t.email, t.password))).toBe(200);
  });

  it("holds under concurrency: of many parallel guesses exactly the limit are checked", async () => {
    const t = await makeTenancy("thrpar");
    const statuses = await Promise.all(Array.from({ length: 3 * perAddress }, () => status(token(t.email, "wrong-password", "198.51.100.4"))));
    expect(statuses.filter((s) => s === 401)).toHaveLength(perAddress);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * perAddress);
  });

  it("throttles an unknown email exactly like a known one (no account enumeration by the throttle)", async () => {
    const nobody = `nobody-${randomUUID().slice(0, 8)}@test.local`;
    await fail(nobody, perAddress, "198.51.100.5");
    expect(await status(token(nobody, "wrong-password", "198.51.100.5"))).toBe(429);
  });

  it("counts one account under its normalised email, however it is typed", async () => {
    const t = await makeTenancy("thrcase");
    for (let i = 0; i < perAddress; i++) expect(await status(token(i % 2 ? t.email.toUpperCase() : ` ${t.email} `, "wrong-password"))).toBe(401);
    expect(await status(token(t.email, t.password))).toBe(429);
  });
});

describe("login throttle on the dashboard login", () => {
  it("answers 429 + Retry-After with next-auth's error code for the login form, and shares the count with the API", async () => {
    const t = await makeTenancy("thrdash");
    const headers = { "x-forwarded-for": "198.51.100.6" };
    for (let i = 0; i < perAddress - 2; i++) {
      const { res } = await credentialsLogin(baseUrl(), t.email, "wrong-password", { headers });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { url: string }).url).toContain("error=CredentialsSignin");
    }
    await fail(t.email, 2, "198.51.100.6");
    const { res, cookie } = await credentialsLogin(baseUrl(), t.email, t.password, { headers });
    expect(retryAfter(res)).toBeGreaterThan(lockSeconds - 60);
    const { url } = (await res.json()) as { url: string };
    expect(new URL(url).searchParams.get("error")).toMatch(/^TooManyAttempts:\d+$/);
    expect(cookie).not.toMatch(/session-token/);
    // The API sees the same lockout.
    expect(await status(token(t.email, t.password, "198.51.100.6"))).toBe(429);
  });

  it("signs in after failures below the limit, and that success resets the count", async () => {
    const t = await makeTenancy("thrdashok");
    for (let i = 0; i < perAddress - 1; i++) expect((await credentialsLogin(baseUrl(), t.email, "nope-nope")).res.status).toBe(401);
    const ok = await credentialsLogin(baseUrl(), t.email, t.password);
    expect(ok.res.status).toBe(200);
    expect(ok.cookie).toMatch(/next-auth\.session-token=/);
    expect(await (await testDb()).prisma.loginFailure.count({ where: { account: t.email } })).toBe(0);
  });
});

describe("unknown emails cost what wrong passwords cost", () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  async function timed(fn: () => Promise<number>, expected: number): Promise<number> {
    const started = performance.now();
    expect(await fn()).toBe(expected);
    return performance.now() - started;
  }

  it.each([
    ["POST /v1/auth/token", (email: string, address: string) => status(token(email, "wrong-password", address))],
    [
      "the dashboard login",
      (email: string, address: string) =>
        credentialsLogin(baseUrl(), email, "wrong-password", { headers: { "x-forwarded-for": address } }).then(({ res }) => status(res)),
    ],
  ])("%s", async (_name, attempt) => {
    // Below every limit: each known account takes a few failures, each from its own address.
    const accounts = await Promise.all([1, 2, 3].map((i) => makeTenancy(`thrtime${i}`)));
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 12; i++) {
      const address = `203.0.113.${100 + i}`;
      known.push(await timed(() => attempt(accounts[i % 3].email, address), 401));
      unknown.push(await timed(() => attempt(`nobody-${randomUUID().slice(0, 8)}@test.local`, address), 401));
    }
    // Before the decoy hash, an unknown email answered in a fraction of the time (no scrypt at all). The
    // bounds are wide because the suite may share two cores with other work, which moves single medians
    // far more than on a quiet machine; skipping the hash still falls well below 0.4.
    expect(median(unknown)).toBeGreaterThan(0.4 * median(known));
    expect(median(unknown)).toBeLessThan(2.5 * median(known));
  });
});
