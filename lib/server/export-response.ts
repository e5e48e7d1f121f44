import "server-only";
// Turns a prepared export into the HTTP response: content type, the CSV figure headers, the streamed
// body, and one log line when the body ends (completed, cancelled by the client, or failed).
import { generatorStream } from "@/lib/core/export/stream";
import { exportFilename } from "@/lib/core/export/filename";
import type { ExportOutcome, PreparedExport } from "@/lib/core/export/pipeline";
import type { Format } from "@/lib/core/filters";

/** Logs how a body ended; `cancelled` means the client went away and reading stopped early. */
export function logExportEnd(requestId: string, tenant: string) {
  return (o: ExportOutcome) => {
    const line = {
      event: "export_stream_end",
      requestId,
      tenant,
      status: o.status,
      chunks_read: o.chunksRead,
      chunks_planned: o.chunksPlanned,
      exported: o.exported,
      skipped: o.skipped,
    };
    if (o.status === "failed") console.error(JSON.stringify({ ...line, error: String((o.error as Error)?.stack ?? o.error) }));
    else console.log(JSON.stringify(line));
  };
}

export async function exportResponse(prepared: PreparedExport, appId: string, format: Format): Promise<Response> {
  const { formatter } = prepared;
  const headers = new Headers({
    "content-type": formatter.contentType,
    "content-disposition": `attachment; filename="${exportFilename(appId, format)}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  if (prepared.page) {
    // A CSV file has no room for a trailer, so its figures travel as headers and must be known now.
    // X-Export-Next-Cursor is left out when there is no next page.
    let total: number;
    try {
      total = await prepared.total;
    } catch (err) {
      await prepared.body.return(undefined);
      throw err;
    }
    headers.set("x-export-total", String(total));
    headers.set("x-export-exported", String(prepared.page.rows));
    headers.set("x-export-skipped", "0");
    if (prepared.page.nextCursor) headers.set("x-export-next-cursor", prepared.page.nextCursor);
    // redact=true: the replacements by kind, as the jsonl/openai trailer's `redactions` object.
    if (prepared.page.redactions) headers.set("x-export-redactions", JSON.stringify(prepared.page.redactions));
    headers.set("access-control-expose-headers", "X-Export-Total, X-Export-Exported, X-Export-Skipped, X-Export-Next-Cursor, X-Export-Redactions");
  }
  return new Response(generatorStream(prepared.body), { status: 200, headers });
}
