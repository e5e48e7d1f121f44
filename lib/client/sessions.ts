// Ending sessions from the dashboard: "Sign out everywhere" ends every session and access token of the
// user on the server, then signs this browser out of next-auth (which drops the cookie).
import { signOut } from "next-auth/react";
import { apiErrorFrom } from "./api-error";

export async function signOutEverywhere(): Promise<void> {
  const res = await fetch("/api/auth/sign-out-everywhere", {
    method: "POST",
    credentials: "same-origin",
    headers: { accept: "application/json" },
  });
  if (!res.ok) throw await apiErrorFrom(res);
  await signOut({ callbackUrl: "/login" });
}
