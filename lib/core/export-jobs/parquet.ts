// format=parquet: the job stages its rows as jsonl (resumable like any text file), then DuckDB turns
// the staged file into Parquet in one streaming COPY — row groups written as it reads, under a memory
// limit, so the whole set is never in memory. DuckDB (@duckdb/node-api) ships its binary as an
// optional npm package, so it installs with no build step (docs/bulk-exports.md "Parquet").
// Columns: one per jsonl field; nested values (input, output, tool_calls, tools, metadata, scores) as
// JSON text; `timestamp` as a UTC timestamp with microseconds.

const DUCKDB = "@duckdb/node-api";

/** A SQL string literal. */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

const FIELDS: [name: string, type: string, heavy?: boolean][] = [
  ["trace_id", "VARCHAR"],
  ["span_id", "VARCHAR"],
  ["span_name", "VARCHAR"],
  ["type", "VARCHAR"],
  ["model", "VARCHAR"],
  ["status", "VARCHAR"],
  ["latency_ms", "DOUBLE"],
  ["timestamp", "TIMESTAMPTZ"],
  ["input", "JSON", true],
  ["output", "JSON", true],
  ["tool_calls", "JSON", true],
  ["metadata", "JSON"],
  ["user_id", "VARCHAR"],
  ["tags", "VARCHAR[]"],
  ["input_tokens", "BIGINT"],
  ["output_tokens", "BIGINT"],
  ["cost", "DOUBLE"],
  ["scores", "JSON"],
  ["tools", "JSON", true],
];

/** The DuckDB statement that converts `src` (jsonl) into `dest` (parquet). Exported for its test. */
export function parquetCopySql(src: string, dest: string, lightweight: boolean): string {
  const fields = FIELDS.filter(([, , heavy]) => !(lightweight && heavy));
  const columns = fields.map(([name, type]) => `${lit(name)}: ${lit(type)}`).join(", ");
  // JSON columns leave as their text; the rest keep their types.
  const select = fields.map(([name, type]) => (type === "JSON" ? `CAST("${name}" AS VARCHAR) AS "${name}"` : `"${name}"`)).join(", ");
  return `COPY (SELECT ${select} FROM read_json(${lit(src)}, format = 'newline_delimited', columns = {${columns}}))
    TO ${lit(dest)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`;
}

/** Converts a staged jsonl file into a Parquet file. */
export async function jsonlToParquet(src: string, dest: string, lightweight: boolean): Promise<void> {
  // Loaded by Node at run time, never bundled: its native binary is picked per platform from optional
  // packages that a bundler cannot resolve (only this platform's is installed).
  const { DuckDBInstance } = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ DUCKDB)) as typeof import("@duckdb/node-api");
  // One thread and a bounded memory: the job shares its process with the server.
  const instance = await DuckDBInstance.create(":memory:", { memory_limit: "256MB", threads: "1" });
  const con = await instance.connect();
  try {
    await con.run("SET TimeZone = 'UTC'");
    await con.run(parquetCopySql(src, dest, lightweight));
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
