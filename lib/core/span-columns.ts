// The span's own columns (docs/data-model.md) under their database names: the one shape behind ingest's
// rows, the demo generator's rows and the Traces page's detail panel. Each user says how it types the
// content columns (input, output, tool_calls, tools) and adds what it carries besides.
import type { SpanType, Status } from "./filters";

export interface SpanColumns<Content = unknown, ToolCalls = unknown, Tools = unknown> {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  span_name: string;
  type: SpanType;
  model: string | null;
  status: Status;
  status_message: string | null;
  /** ISO 8601 (with microseconds where the database wrote it). */
  timestamp: string;
  end_time: string | null;
  latency_ms: number | null;
  input: Content;
  output: Content;
  tool_calls: ToolCalls;
  metadata: Record<string, string>;
  user_id: string | null;
  session_id: string | null;
  tags: string[];
  input_tokens: number | null;
  output_tokens: number | null;
  cost: number | null;
  /** The tool definitions the model was offered: [{ type: "function", function: { name, description?, parameters? } }]. */
  tools: Tools;
}
