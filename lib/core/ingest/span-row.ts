// One row of the `span` table as ingest writes it (snake_case: it travels to SQL as JSON).
import type { SpanColumns } from "../span-columns";
import type { JsonValue } from "./any-value";

export type { SpanType, Status as SpanStatus } from "../filters";

export interface SpanRow extends SpanColumns<JsonValue | null, JsonValue | null> {
  attributes: Record<string, JsonValue>;
}
