import "server-only";
// The client address of a request, as the login throttle counts it (lib/core/client-address.ts).
import { clientAddress } from "@/lib/core/client-address";
import { env } from "@/lib/env";

export function requestAddress(req: Request): string {
  return clientAddress(req.headers.get("x-forwarded-for"), env().FLYWHEEL_TRUSTED_PROXIES);
}
