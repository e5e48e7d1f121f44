// What one instrumentation convention reads from a span: a partial of the canonical span fields.
// Each convention has one reader (genai-convention.ts, genai-events-convention.ts,
// openinference-convention.ts, vercel-ai-convention.ts, openllmetry-convention.ts) that knows only
// its own attribute names; which reader wins when several fill one field is decided in map-span.ts.
import type { SpanType } from "../filters";
import type { JsonValue } from "./any-value";
import type { ChatMessage } from "./chat-messages";
import type { OtlpEvent } from "./otlp-schema";
import type { ToolDefinition } from "./tool-definitions";

export type Attrs = Record<string, JsonValue>;

/** A span event with its attributes decoded (once, for the readers and for the EVENT rows). */
export interface SpanEvent {
  name: string;
  time: OtlpEvent["timeUnixNano"];
  attrs: Attrs;
}

/** The span as a reader sees it: its name, its own attributes (not the resource's) and its events. */
export interface SpanView {
  name: string;
  attrs: Attrs;
  events: SpanEvent[];
}

/**
 * Content read from these attribute keys (or span events, by index). When it becomes the row's
 * content, the keys are left out of the raw `attributes` and the events get no EVENT rows: the row
 * holds that content once, in canonical form.
 */
export interface Sourced<T> {
  value: T;
  keys: readonly string[];
  events?: readonly number[];
}

export interface ConventionFields {
  /** The span's kind, when the convention states it (an operation name, a span kind). */
  kind?: SpanType;
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  cost?: number;
  inputMessages?: Sourced<ChatMessage[]>;
  outputMessages?: Sourced<ChatMessage[]>;
  /** Content that is not chat (a chain's input, a tool's arguments): what a non-GENERATION row shows first. */
  inputValue?: JsonValue;
  outputValue?: JsonValue;
  tools?: Sourced<ToolDefinition[]>;
  userId?: string;
  sessionId?: string;
  tags?: string[];
  metadata?: Record<string, string>;
}

export type ConventionReader = (span: SpanView) => ConventionFields;

/**
 * A reader, and the attribute namespaces (a key's first dot-separated segment: `gen_ai`, `llm`, …) it
 * reads: the span mapper runs it only on spans that have a key in one of them (most spans carry one
 * convention, and mapping runs for every span ingested). `null`: it reads events, run it always.
 */
export interface Convention {
  read: ConventionReader;
  namespaces: readonly string[] | null;
}

/** Drops the undefined and null fields, so "absent" has one spelling for the precedence rule. */
export function defined(fields: { [K in keyof ConventionFields]: ConventionFields[K] | null | undefined }): ConventionFields {
  const out: Record<string, unknown> = {};
  for (const k in fields) {
    const v = fields[k as keyof ConventionFields];
    if (v !== undefined && v !== null) out[k] = v;
  }
  return out as ConventionFields;
}
