// The one name an export file gets, whoever saves it: the server's Content-Disposition and the
// dashboard's Blob download alike.
import type { Format } from "../filters";

/** `<appId>-<format>-<YYYY-MM-DD>.<jsonl|csv>`, dated in the saving machine's own time zone. */
export function exportFilename(appId: string, format: Format, now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return `${appId}-${format}-${day}.${format === "csv" ? "csv" : "jsonl"}`;
}
