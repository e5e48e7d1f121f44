// Row shapes the generator produces. Keys are the database column names, so rows go into the
// database through jsonb_to_recordset as they are, and read like the export's JSONL rows.
// Content follows docs/data-model.md: OpenAI-style chat messages in input/output of GENERATIONs.
import type { ScoreSource } from "../core/scores";
import type { SpanColumns } from "../core/span-columns";
import type { SpanToolCall } from "../core/ingest/chat-messages";
import type { ToolDefinition } from "../core/ingest/tool-definitions";

// The canonical chat message shape is defined once, beside the ingest code that normalises into it.
export type { ChatMessage, ChatToolCall, SpanToolCall } from "../core/ingest/chat-messages";
export type { ScoreSource };

export interface DemoSpan extends SpanColumns<unknown, SpanToolCall[] | null, ToolDefinition[] | null> {
  attributes: Record<string, unknown>;
}


export interface DemoScore {
  id: string;
  trace_id: string;
  span_id: string | null;
  name: string;
  value: number;
  label: string | null;
  comment: string | null;
  source: ScoreSource;
  /** ISO 8601 */
  created_at: string;
}

export interface DemoData {
  spans: DemoSpan[];
  scores: DemoScore[];
}
