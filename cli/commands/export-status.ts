// `flywheel export status ID`: one look at a bulk export job (progress, figures, files, error).
import { Command } from "commander";
import { printJson } from "../lib/output";
import { statusLines } from "../lib/job-report";
import { JobsApi, parseJobId } from "../lib/jobs-api";
import { connectionFrom, withConnectionOptions, type ConnectionFlags } from "./connection-options";

export function exportStatusCommand(): Command {
  return withConnectionOptions(
    new Command("status")
      .description("show a bulk export job: status, progress, rows, size, files, error")
      .argument("<id>", "the job id (from flywheel export traces --all, or flywheel export list)")
      .option("--json", "print the job as JSON (the server's answer) instead of text"),
  )
    .addHelpText("after", "\nExamples:\n  flywheel export status 3f2a…\n  flywheel export status 3f2a… --json | jq .status\n")
    .action((id: string, flags: ConnectionFlags & { json?: boolean }) => exportStatus(id, flags));
}

async function exportStatus(idText: string, flags: ConnectionFlags & { json?: boolean }): Promise<void> {
  const id = parseJobId(idText);
  const job = await new JobsApi(connectionFrom(flags)).get(id);
  if (flags.json) printJson(job);
  else process.stdout.write(statusLines(job).join("\n") + "\n");
}
