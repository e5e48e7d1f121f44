"use client";
import { signIn } from "next-auth/react";
import { useEffect, useState, type FormEvent } from "react";
import { loginFailure, loginFailureMessage } from "@/lib/core/login-errors";
import { sameOriginPath } from "@/lib/core/safe-redirect";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  // Until React has hydrated, a click would submit the plain HTML form (a GET with the password in the
  // URL); the button stays disabled until the handler below is attached.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(undefined);
    const attempt = () =>
      signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
    // On a first visit, two of next-auth's own requests can race to set its CSRF cookie, and a sign-in
    // sent with the loser's token is answered "ok" with a redirect to ?csrf=true and no session (seen
    // under `next dev`). The cookie has settled by then: ask once more.
    const staleCsrf = (r: Awaited<ReturnType<typeof attempt>>) => Boolean(r?.ok && r.url?.includes("csrf=true"));
    let res = await attempt();
    if (staleCsrf(res)) res = await attempt();
    setPending(false);
    if (staleCsrf(res)) {
      setError(loginFailureMessage({ kind: "unavailable" }));
      return;
    }
    if (!res || res.error) {
      setError(loginFailureMessage(res ? loginFailure(res.error) : { kind: "unavailable" }));
      return;
    }
    // The page already passes a same-origin path; checked again where the browser follows it.
    window.location.assign(sameOriginPath(callbackUrl, window.location.origin));
  }

  return (
    <form onSubmit={onSubmit} method="post" className="mt-6 space-y-4">
      <label className="block text-sm">
        <span className="font-medium text-slate-700">Email</span>
        <input name="email" type="email" autoComplete="username" required
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-indigo-500 focus:outline-none" />
      </label>
      <label className="block text-sm">
        <span className="font-medium text-slate-700">Password</span>
        <input name="password" type="password" autoComplete="current-password" required
          className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 focus:border-indigo-500 focus:outline-none" />
      </label>
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
      <button type="submit" disabled={pending || !ready}
        className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
