// `flywheel export cancel ID`: DELETE /v1/exports/{id} — stops a queued or running job, or deletes a
// finished job's files.
import { Command } from "commander";
import { info } from "../lib/output";
import { JobsApi, parseJobId } from "../lib/jobs-api";
import { isFinished } from "../lib/job-wait";
import { connectionFrom, withConnectionOptions, type ConnectionFlags } from "./connection-options";

export function exportCancelCommand(): Command {
  return withConnectionOptions(
    new Command("cancel")
      .description("cancel a queued or running bulk export job, or delete a finished job's files")
      .argument("<id>", "the job id"),
  ).action((id: string, flags: ConnectionFlags) => exportCancel(id, flags));
}

async function exportCancel(idText: string, flags: ConnectionFlags): Promise<void> {
  const id = parseJobId(idText);
  const api = new JobsApi(connectionFrom(flags));
  // Read first, to say truthfully what the DELETE did: a cancel, or a deletion of finished files.
  const before = await api.get(id);
  const after = await api.cancel(id);
  if (isFinished(before)) info(`Deleted the files of export job ${id} (it had ${before.status}).`);
  else info(`Cancelled export job ${id}${after ? ` (now ${after.status})` : ""}.`);
}
