import { describe, expect, it } from "vitest";
import { loginFailure, loginFailureMessage, tooManyAttemptsCode } from "./login-errors";

describe("login errors", () => {
  it("round-trips a throttled sign-in's wait, and says 'too many attempts'", () => {
    const failure = loginFailure(tooManyAttemptsCode(899.2));
    expect(failure).toEqual({ kind: "too-many-attempts", retryAfterSeconds: 900 });
    expect(loginFailureMessage(failure)).toMatch(/too many attempts.*15 minutes/i);
    expect(loginFailureMessage({ kind: "too-many-attempts", retryAfterSeconds: 30 })).toMatch(/30 seconds/);
  });

  it("reads next-auth's CredentialsSignin as wrong credentials and anything else as unavailable", () => {
    expect(loginFailureMessage(loginFailure("CredentialsSignin"))).toBe("Wrong email or password.");
    expect(loginFailure("Database unavailable")).toEqual({ kind: "unavailable" });
    expect(loginFailure("TooManyAttemptsX")).toEqual({ kind: "unavailable" });
  });
});
