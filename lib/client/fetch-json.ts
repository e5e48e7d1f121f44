// The one JSON fetcher of the dashboard: same-origin (the session cookie travels), cancellable
// through React Query's signal, and failing with a typed ApiError.
import { apiErrorFrom } from "./api-error";

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, credentials: "same-origin", headers: { accept: "application/json" } });
  if (!res.ok) throw await apiErrorFrom(res);
  return (await res.json()) as T;
}
