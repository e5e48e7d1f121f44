// stdout carries data only (JSON for admin commands, rows for exports); every human message goes to
// stderr, so `flywheel … | jq` always sees clean data.
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

export function info(line: string): void {
  process.stderr.write(line + "\n");
}

/** Quotes an argument for a POSIX shell only when it needs it, for commands we suggest to the user. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
