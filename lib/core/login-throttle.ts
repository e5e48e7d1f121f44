// Login throttling (SPEC §8 "Logins", docs/security.md): failed sign-ins are counted per account and per
// (account, client address) in the database, so every server instance sees the same count, and past a
// limit the attempt is refused with a 429 and Retry-After before the password is looked at. Both ways
// in — the dashboard's next-auth credentials login and POST /v1/auth/token — sign in through
// signInWithPassword below, so they share one count and one rule.
import { Prisma } from "@prisma/client";
import { authenticate, type AuthenticatedUser } from "./access";
import { readRows, type Db } from "./db";
import { AppError } from "./errors";

export interface LoginThrottlePolicy {
  /** Failures of one account from one client address that earn a lockout of that pair. */
  perAddress: number;
  /** Failures of one account from any address that earn a lockout of the account. */
  perAccount: number;
  /** The first lockout of a scope; each further one in memory lasts twice as long as the one before. */
  lockSeconds: number;
  /** No lockout lasts longer than this. */
  maxLockSeconds: number;
  /** How long a failure is remembered (unless a success clears the account first). */
  memorySeconds: number;
}

/**
 * 5 failures from one address or 20 from anywhere lock the account (for that address, or for all)
 * for 15 minutes; the next 5 (or 20) failures after that lock it for 30, then 60 minutes, and so on,
 * up to a day. Failures are remembered for a day; a successful sign-in forgets the account's failures.
 */
export const LOGIN_THROTTLE: LoginThrottlePolicy = {
  perAddress: 5,
  perAccount: 20,
  lockSeconds: 15 * 60,
  maxLockSeconds: 24 * 3600,
  memorySeconds: 24 * 3600,
};

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError(
    429,
    "too_many_attempts",
    `Too many failed sign-in attempts for this account. Try again in ${waitText(retryAfterSeconds)}.`,
    [],
    { "Retry-After": String(retryAfterSeconds) },
  );

/**
 * Takes one attempt for the account from this address, or throws the 429 when the pair or the
 * account is locked out. The attempt is recorded as a failure until clearLoginFailures says otherwise.
 */
export async function beginLoginAttempt(db: Db, account: string, address: string, policy = LOGIN_THROTTLE): Promise<void> {
  // One round trip: lock, count and insert run in the database function flywheel_login_attempt
  // (migration 20261202000000_login_throttle), whose clock is the only clock.
  const [row] = await readRows<{ allowed: boolean; wait_ms: number | null }>(db, Prisma.sql`
    SELECT allowed, wait_ms FROM flywheel_login_attempt(${account}, ${address}, ${policy.perAddress}::int,
      ${policy.perAccount}::int, ${policy.lockSeconds}::int, ${policy.maxLockSeconds}::int, ${policy.memorySeconds}::int)`);
  if (!row?.allowed) throw tooManyAttempts(Math.max(1, Math.ceil(Number(row?.wait_ms ?? 1000) / 1000)));
}

/** A success: the account's failures (from every address) are forgotten, its lockouts with them. */
export async function clearLoginFailures(db: Db, account: string): Promise<void> {
  await db.execute(`DELETE FROM login_failure WHERE account = $1`, [account]);
}

export interface PasswordLogin {
  /** Trimmed and lower-cased, as every sign-in form and the API normalise it. */
  email: string;
  password: string;
  /** The client's address (lib/core/client-address.ts); "" when unknown. */
  address: string;
}

/**
 * The user with this email and password, behind the throttle: 429 while the account (or the account
 * from this address) is locked out, else 401 for a wrong email or password — in the same time whether
 * or not the email exists (access.ts's authenticate) — and the counted failure stays.
 */
export async function signInWithPassword(db: Db, login: PasswordLogin, policy = LOGIN_THROTTLE): Promise<AuthenticatedUser> {
  await beginLoginAttempt(db, login.email, login.address, policy);
  const user = await authenticate(db, login.email, login.password);
  await clearLoginFailures(db, login.email);
  return user;
}
