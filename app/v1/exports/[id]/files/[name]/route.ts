// GET /v1/exports/{id}/files/{name}: a finished job's file (or manifest.json), streamed from local disk
// or from the bucket, with its length and a download name (docs/bulk-exports.md).
import type { Readable } from "node:stream";
import { openJobFile } from "@/lib/core/export-jobs/job-file";
import { generatorStream } from "@/lib/core/export/stream";
import { env } from "@/lib/env";
import { jobStorage } from "@/lib/server/export-queue";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** The file's pieces as the client pulls them; a client that goes away closes the file (or the bucket's response). */
async function* pieces(body: Readable): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    for await (const piece of body) yield piece as Uint8Array;
  } finally {
    body.destroy();
  }
}

export const GET = route({ auth: "identity" }, async ({ db, identity, params }) => {
  const file = await openJobFile(db, jobStorage(env()), identity.tenantId, identity.appId, params.id, params.name);
  return new Response(generatorStream(pieces(file.body)), {
    headers: {
      "content-type": file.contentType,
      // Next.js 16 drops Content-Length from every route handler response, whatever the body (stream,
      // Blob, file) — next/dist/server/send-response.js, FORBIDDEN_HEADERS — and offers no way to keep
      // it (docs/bulk-exports.md "Why no Content-Length"). It is set for servers that would keep it; the
      // length travels in a header of our own too, with the digest.
      "content-length": String(file.size),
      "x-export-file-bytes": String(file.size),
      ...(file.sha256 ? { "x-export-file-sha256": file.sha256 } : {}),
      "access-control-expose-headers": "X-Export-File-Bytes, X-Export-File-Sha256",
      "content-disposition": `attachment; filename="${file.downloadName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
