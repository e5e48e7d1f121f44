// `flywheel export list`: the app's bulk export jobs, newest first.
import { Command } from "commander";
import { info, printJson } from "../lib/output";
import { jobTable } from "../lib/job-report";
import { JobsApi } from "../lib/jobs-api";
import { connectionFrom, withConnectionOptions, type ConnectionFlags } from "./connection-options";

export function exportListCommand(): Command {
  return withConnectionOptions(
    new Command("list").description("list the app's bulk export jobs, newest first").option("--json", 'print {"jobs": […]} as the server answers it'),
  ).action((flags: ConnectionFlags & { json?: boolean }) => exportList(flags));
}

async function exportList(flags: ConnectionFlags & { json?: boolean }): Promise<void> {
  const conn = connectionFrom(flags);
  const jobs = await new JobsApi(conn).list();
  if (flags.json) return printJson({ jobs });
  if (!jobs.length) return info(`No export jobs in app "${conn.appId}" yet. Start one: flywheel export traces --all`);
  process.stdout.write(jobTable(jobs).join("\n") + "\n");
}
