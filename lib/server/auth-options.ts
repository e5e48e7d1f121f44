import "server-only";
// next-auth: email + password against the user table (scrypt hashes), JWT sessions. Sign-in goes
// through the login throttle (lib/core/login-throttle.ts); a session carries the user's session
// version and ends when that version moves on (sign-out, sign out everywhere, a password change, a
// removed membership: docs/security.md).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getServerSession } from "next-auth";
import { z } from "zod";
import { endSessions, sessionUser } from "@/lib/core/access";
import { clientAddress } from "@/lib/core/client-address";
import { AppError, nulPaths } from "@/lib/core/errors";
import { tooManyAttemptsCode } from "@/lib/core/login-errors";
import { signInWithPassword } from "@/lib/core/login-throttle";
import { sameOriginPath } from "@/lib/core/safe-redirect";
import { env } from "@/lib/env";
import { database } from "./db";
import { sessionClaim } from "./session-claim";

// The same normalisation and bounds as POST /v1/auth/token, so both count failures under one account.
const credentials = z.object({
  email: z.string().trim().toLowerCase().min(1).max(320),
  password: z.string().min(1).max(200),
});

/** next-auth's authorize gets the request headers as a plain object (lower-case names). */
function forwardedFor(headers: Record<string, unknown> | undefined): string | undefined {
  const value = headers?.["x-forwarded-for"];
  return typeof value === "string" ? value : undefined;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt" },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        // A NUL character can match no account (and PostgreSQL text cannot hold one): a plain failure.
        if (!parsed.success || nulPaths(parsed.data).length) return null;
        const address = clientAddress(forwardedFor(req?.headers), env().FLYWHEEL_TRUSTED_PROXIES);
        try {
          const user = await signInWithPassword(await database(), { ...parsed.data, address });
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        } catch (err) {
          if (err instanceof AppError && err.status === 401) return null;
          // next-auth passes a thrown error's message to the browser as signIn's `error`; the login
          // form reads it (lib/core/login-errors.ts), the auth route answers it with 429 + Retry-After.
          if (err instanceof AppError && err.status === 429) throw new Error(tooManyAttemptsCode(Number(err.headers["Retry-After"])));
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // Sign-in: the session carries the version it was issued under.
      if (user) token.sv = (user as { sessionVersion?: number }).sessionVersion;
      return token;
    },
    session({ session, token }) {
      // The version is no secret: it only names which sign-in this session came from.
      if (session.user && token.sub) Object.assign(session.user, { id: token.sub, sv: token.sv });
      return session;
    },
    // Where next-auth may send the browser after signing in or out: our own origin only, as a path.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${sameOriginPath(url, baseUrl, "/")}`;
    },
  },
  events: {
    // Signing out ends every session and access token of the user, not only this cookie: a JWT
    // session cannot be ended alone. Only while the cookie's version is current, so replaying an
    // ended cookie's sign-out changes nothing.
    async signOut({ token }) {
      const claim = sessionClaim(token);
      if (claim) await endSessions(await database(), claim.userId, claim.sessionVersion);
    },
  },
};

/**
 * The signed-in user (id and email) of a live session, or undefined: no cookie, a bad one, or one
 * whose session has ended (its version is not the user's current one) or whose user is gone.
 */
export async function signedInUser(): Promise<{ id: string; email: string } | undefined> {
  // getServerSession checks the cookie's signature and expiry; the version is checked here.
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: unknown; sv?: unknown } | undefined;
  const claim = sessionClaim(user && { sub: user.id, sv: user.sv });
  if (!claim) return undefined;
  return sessionUser(await database(), claim);
}

/** The signed-in user's id, or undefined (see signedInUser). */
export async function sessionUserId(): Promise<string | undefined> {
  return (await signedInUser())?.id;
}
