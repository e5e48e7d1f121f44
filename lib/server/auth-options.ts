import "server-only";
// next-auth: email + password against the user table (scrypt hashes), JWT sessions.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getServerSession } from "next-auth";
import { z } from "zod";
import { authenticate } from "@/lib/core/access";
import { AppError, nulPaths } from "@/lib/core/errors";
import { database } from "./db";

const credentials = z.object({ email: z.string().trim().toLowerCase().min(1), password: z.string().min(1) });

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt" },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentials.safeParse(raw);
        // A NUL character can match no account (and PostgreSQL text cannot hold one): a plain failure.
        if (!parsed.success || nulPaths(parsed.data).length) return null;
        try {
          return await authenticate(await database(), parsed.data.email, parsed.data.password);
        } catch (err) {
          if (err instanceof AppError && err.status === 401) return null;
          throw err;
        }
      },
    }),
  ],
  callbacks: {
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};

/** The signed-in user's id, or undefined. */
export async function sessionUserId(): Promise<string | undefined> {
  const session = await getServerSession(authOptions);
  return (session?.user as { id?: string } | undefined)?.id;
}
