// Entry point: runs the command tree and turns every failure into one line on stderr and an exit code
// (0 ok, 1 auth/other failure, 2 bad flags or missing link/credentials, 3 bulk job failed, 4 bulk job
// cancelled, 5 rate limit/server/network).
import { Command, CommanderError } from "commander";
import { EXIT, describeError, type ExitCode } from "./lib/cli-error";
import { buildProgram } from "./program";

function exitOverrideAll(cmd: Command): void {
  cmd.exitOverride();
  cmd.commands.forEach(exitOverrideAll);
}

async function main(argv: string[]): Promise<ExitCode> {
  const program = buildProgram();
  exitOverrideAll(program);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already printed its message (or the help); --help and --version exit 0,
      // everything else it rejects is a usage error.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const { code, line } = describeError(err);
    process.stderr.write(`flywheel: ${line}\n`);
    return code;
  }
}

main(process.argv).then((code) => {
  // Flush stdout before exiting: a pipe may still hold the last rows.
  process.stdout.write("", () => process.exit(code));
});
