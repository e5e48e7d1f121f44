"use client";
// Fetchers and hooks for the API keys page.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
export interface CreatedKey extends Omit<ApiKeySummary, "lastUsedAt" | "revokedAt"> {
  key: string;
}

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { "content-type": "application/json", ...init?.headers } });
  if (!res.ok) {
    const body = await res.json().catch(() => undefined);
    throw new Error(body?.error?.detail ?? `Request failed (${res.status})`);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const keyKeys = { list: (tenantId: string) => ["keys", tenantId] as const };

export function useApiKeys(tenantId: string) {
  return useQuery({
    queryKey: keyKeys.list(tenantId),
    queryFn: ({ signal }) =>
      call<{ keys: ApiKeySummary[] }>(`/api/keys?tenantId=${encodeURIComponent(tenantId)}`, { signal }).then((r) => r.keys),
  });
}

export function useCreateKey(tenantId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => call<CreatedKey>("/api/keys", { method: "POST", body: JSON.stringify({ tenantId, name }) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keyKeys.list(tenantId) }),
  });
}

export function useRevokeKey(tenantId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      call<void>(`/api/keys/${encodeURIComponent(id)}?tenantId=${encodeURIComponent(tenantId)}`, { method: "DELETE" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: keyKeys.list(tenantId) }),
  });
}
