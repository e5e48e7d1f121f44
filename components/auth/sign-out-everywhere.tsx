"use client";
// "Sign out everywhere": ends every session of the user in every browser, and every access token of
// `flywheel login`, at once. API keys belong to the tenant and are not affected (revoke them above).
import { useState } from "react";
import { describeError } from "@/lib/client/api-error";
import { signOutEverywhere } from "@/lib/client/sessions";

export function SignOutEverywhere() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function onClick() {
    setPending(true);
    setError(undefined);
    try {
      await signOutEverywhere();
    } catch (err) {
      setError(describeError(err));
      setPending(false);
    }
  }

  return (
    <section className="max-w-4xl space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="font-semibold">Sessions</h2>
      <p className="text-sm text-slate-600">
        Signs you out in every browser and ends every access token issued by <code>flywheel login</code>. API keys keep
        working; revoke them above.
      </p>
      <button type="button" onClick={onClick} disabled={pending}
        className="rounded-md border border-red-200 px-3 py-1.5 text-sm font-medium text-red-700 hover:bg-red-50 disabled:opacity-60">
        {pending ? "Signing out…" : "Sign out everywhere"}
      </button>
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
    </section>
  );
}
