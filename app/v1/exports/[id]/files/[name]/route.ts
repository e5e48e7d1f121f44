// GET /v1/exports/{id}/files/{name}: a finished job's file (or manifest.json), streamed from local disk
// or from the bucket, with its length and a download name (docs/bulk-exports.md).
import { Readable } from "node:stream";
import { openJobFile } from "@/lib/core/export-jobs/job-file";
import { env } from "@/lib/env";
import { jobStorage } from "@/lib/server/export-queue";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = route({ auth: "identity" }, async ({ db, identity, params, req }) => {
  const file = await openJobFile(db, jobStorage(env()), identity.tenantId, identity.appId, params.id, params.name);
  // The client going away ends the read (and, for a bucket, its request).
  req.signal.addEventListener("abort", () => file.body.destroy(), { once: true });
  return new Response(Readable.toWeb(file.body) as ReadableStream, {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.size),
      "content-disposition": `attachment; filename="${file.downloadName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
