"use client";
// The API keys page: create (the key is shown once), list, revoke.
import { useState, type FormEvent } from "react";
import { useApiKeys, useCreateKey, useRevokeKey, type CreatedKey } from "@/lib/client/keys";

interface Props {
  tenants: { id: string; name: string; slug: string }[];
  apps: { id: string; name: string; tenantId: string }[];
}

export function KeysManager({ tenants, apps }: Props) {
  const [tenantId, setTenantId] = useState(tenants[0].id);
  const [created, setCreated] = useState<CreatedKey>();
  const keys = useApiKeys(tenantId);
  const create = useCreateKey(tenantId);
  const revoke = useRevokeKey(tenantId);
  const appId = apps.find((a) => a.tenantId === tenantId)?.id ?? "<app id>";

  function onCreate(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const name = String(new FormData(form).get("name") ?? "").trim();
    create.mutate(name, { onSuccess: (k) => { setCreated(k); form.reset(); } });
  }

  return (
    <section className="max-w-4xl space-y-6">
      <header className="flex items-center gap-4">
        <h1 className="text-lg font-semibold">API keys</h1>
        {tenants.length > 1 && (
          <select aria-label="Tenant" value={tenantId} onChange={(e) => { setTenantId(e.target.value); setCreated(undefined); }}
            className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            {tenants.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        )}
      </header>
      <p className="text-sm text-slate-600">
        Keys authenticate the ingest and export APIs and the CLI for every app of this tenant. A key is shown once, when it is
        created; only its hash is stored.
      </p>

      <form onSubmit={onCreate} className="flex items-end gap-2">
        <label className="text-sm">
          <span className="block font-medium text-slate-700">New key name</span>
          <input name="name" required maxLength={200} placeholder="e.g. ci-export"
            className="mt-1 w-64 rounded-md border border-slate-300 px-3 py-1.5" />
        </label>
        <button type="submit" disabled={create.isPending}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60">
          Create key
        </button>
        {create.error && <span role="alert" className="text-sm text-red-600">{create.error.message}</span>}
      </form>

      {created && (
        <div data-testid="new-key" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="font-medium">Copy this key now — it will not be shown again.</p>
          <div className="mt-2 flex items-center gap-2">
            <code data-testid="new-key-value" className="break-all rounded bg-white px-2 py-1 font-mono">{created.key}</code>
            <button type="button" onClick={() => navigator.clipboard?.writeText(created.key)}
              className="rounded border border-slate-300 bg-white px-2 py-1 text-xs">Copy</button>
          </div>
          <pre className="mt-3 overflow-x-auto rounded bg-white p-2 text-xs text-slate-700">
{`curl -H "Authorization: Bearer ${created.key}" -H "X-App-Id: ${appId}" \\
  "${typeof window === "undefined" ? "" : window.location.origin}/v1/traces/export?limit=10"`}
          </pre>
          <button type="button" onClick={() => setCreated(undefined)} className="mt-2 text-xs text-slate-600 underline">
            I have copied it
          </button>
        </div>
      )}

      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm" data-testid="keys-table">
          <thead className="bg-slate-50 text-left text-slate-500">
            <tr><th className="px-3 py-2">Name</th><th className="px-3 py-2">Key</th><th className="px-3 py-2">Created</th>
              <th className="px-3 py-2">Last used</th><th className="px-3 py-2">Status</th><th className="px-3 py-2" /></tr>
          </thead>
          <tbody>
            {keys.isLoading && <tr><td colSpan={6} className="px-3 py-6 text-center text-slate-500">Loading keys…</td></tr>}
            {keys.error && <tr><td colSpan={6} role="alert" className="px-3 py-6 text-center text-red-600">{keys.error.message}</td></tr>}
            {keys.data?.length === 0 && <tr><td colSpan={6} className="px-3 py-6 text-center text-slate-500">No keys yet. Create one above.</td></tr>}
            {keys.data?.map((k) => (
              <tr key={k.id} data-testid="key-row" className="border-t border-slate-100">
                <td className="px-3 py-2 font-medium">{k.name}</td>
                <td className="px-3 py-2 font-mono text-xs text-slate-600">{k.prefix}…</td>
                <td className="px-3 py-2 text-slate-600">{new Date(k.createdAt).toLocaleString()}</td>
                <td className="px-3 py-2 text-slate-600">{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : "never"}</td>
                <td className="px-3 py-2">
                  {k.revokedAt ? <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600">revoked</span>
                    : <span className="rounded bg-emerald-50 px-2 py-0.5 text-xs text-emerald-700">active</span>}
                </td>
                <td className="px-3 py-2 text-right">
                  {!k.revokedAt && (
                    <button type="button" disabled={revoke.isPending}
                      onClick={() => { if (window.confirm(`Revoke key "${k.name}"? Clients using it stop working at once.`)) revoke.mutate(k.id); }}
                      className="rounded border border-red-200 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50">
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
