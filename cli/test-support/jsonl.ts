// Parses CLI stdout that must be pure JSONL: every line one JSON object, and no trailer among them.
import { expect } from "vitest";

export interface Row {
  span_id: string;
  [key: string]: unknown;
}

export function parseJsonl(stdout: string): Row[] {
  if (stdout === "") return [];
  expect(stdout.endsWith("\n")).toBe(true);
  const rows = stdout
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as Row);
  for (const r of rows) expect(r).not.toHaveProperty("_export_meta");
  return rows;
}

/** Figures from the CLI's stderr status lines. */
export function statusFigures(stderr: string) {
  const m = /Exported (\d+) of (\d+) matching rows/.exec(stderr);
  const cursor = /^Next cursor: (\S+)$/m.exec(stderr)?.[1];
  return { exported: m ? Number(m[1]) : undefined, total: m ? Number(m[2]) : undefined, nextCursor: cursor };
}
