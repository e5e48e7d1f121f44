// The client address a login is counted under (docs/security.md "Login throttling"). Next's server
// puts the connection's address in X-Forwarded-For when the request arrives without that header, and
// keeps the header when it has one; every reverse proxy appends the address it saw. So the entry that
// no client can forge is the one added by the last machine we trust: with `trustedProxies` = N ≥ 1
// reverse proxies in front, the N-th entry from the right; with none, the last entry, which is the
// connection's address unless the client sent the header itself (exposed directly, a client can pick
// the address it is counted under — the per-account limit, which binds every address together, still holds).

/** The address to count a login under; "" when the request names none. */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  if (hops.length === 0) return "";
  const fromRight = Math.max(1, Math.floor(trustedProxies));
  // Fewer entries than proxies: the header is not what the deployment says; take the leftmost there is.
  const hop = hops[Math.max(0, hops.length - fromRight)];
  // Bounded: the address is stored with every failure.
  return hop.slice(0, 100);
}
