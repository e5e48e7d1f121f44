// What a refused dashboard sign-in tells the login form. next-auth hands a credentials login's thrown
// error to the browser only as a string (`error` in signIn's result), so a throttled attempt travels as
// "TooManyAttempts:<seconds>" and a wrong password as next-auth's own "CredentialsSignin". Imported by
// the server (lib/server/auth-options.ts) and by the login form, so it imports nothing.

export const TOO_MANY_ATTEMPTS = "TooManyAttempts";

export function tooManyAttemptsCode(retryAfterSeconds: number): string {
  return `${TOO_MANY_ATTEMPTS}:${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

export type LoginFailure =
  | { kind: "wrong-credentials" }
  | { kind: "too-many-attempts"; retryAfterSeconds?: number }
  | { kind: "unavailable" };

export function loginFailure(code: string | null | undefined): LoginFailure {
  if (!code || code === "CredentialsSignin") return { kind: "wrong-credentials" };
  const throttled = new RegExp(`^${TOO_MANY_ATTEMPTS}(?::(\\d+))?$`).exec(code);
  if (throttled) return { kind: "too-many-attempts", retryAfterSeconds: throttled[1] ? Number(throttled[1]) : undefined };
  return { kind: "unavailable" };
}

/** The sentence the login form shows. */
export function loginFailureMessage(failure: LoginFailure): string {
  switch (failure.kind) {
    case "wrong-credentials":
      return "Wrong email or password.";
    case "too-many-attempts": {
      const s = failure.retryAfterSeconds;
      const when = s === undefined ? "later" : s < 60 ? `in ${s} seconds` : `in ${Math.ceil(s / 60)} minutes`;
      return `Too many attempts. Sign-in for this account is paused; try again ${when}.`;
    }
    case "unavailable":
      return "Sign-in is unavailable right now. Try again in a moment.";
  }
}
