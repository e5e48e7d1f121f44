// POST /v1/scores — one score or {"scores":[…]} (docs/ingest.md).
import { createScores, MAX_SCORES_BODY_BYTES } from "@/lib/core/scores";
import { readJsonBody } from "@/lib/core/ingest/read-body";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Any Content-Type is read as JSON here: `curl -d` sends form encoding by default, and a score is small
// enough that a wrong header should not stand between a user and a clear 400 on the body. createScores
// validates it (one score or a batch, each error named by its path in the batch).
export const POST = route({ auth: "identity", body: readJsonBody, bodyLimit: MAX_SCORES_BODY_BYTES }, async ({ db, identity, body }) =>
  Response.json(await createScores(db, identity.appId, body), { status: 201 }),
);
