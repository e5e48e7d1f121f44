// The last steps every openai example takes, whatever unit built it (docs/export.md "Fine-tuning
// options"): redact its text (redact=true), check it against OpenAI's format, skip it when this export
// already wrote the same example (dedupe=true), count its tokens, skip it when longer than maxTokens.
// Only written examples are remembered for dedupe and counted in tokens and redactions.
import type { FineTuneOptions } from "../../filters";
import type { ChatMessage } from "../openai-messages";
import { validateOpenAiExample } from "../openai-validate";
import { redactText, redactValue, type RedactionCounts } from "../redact/redact-text";
import type { SkipReason } from "../types";
import { exampleTokens } from "./count-tokens";
import { exampleKey } from "./example-key";
import { escapedContents, exampleLine } from "./example-line";
import type { Transcript } from "./transcript";

export type Finished = { line: string; tokens: number } | { skip: SkipReason; detail: string };

/**
 * Characters of one example's JSON past which it is skipped as too_long even without maxTokens:
 * ~2M tokens, beyond any model's context, so one runaway session cannot hold the server's memory.
 */
export const MAX_EXAMPLE_CHARS = 8 * 1024 * 1024;

export interface FinishOptions {
  fineTune: Pick<FineTuneOptions, "dedupe" | "maxTokens">;
  /** redact=true: the counts to add to. */
  redactions?: RedactionCounts;
  /**
   * dedupe=true: keys of examples written before this finisher (a bulk job's earlier pages, read from
   * the database); the finisher adds what it writes. Default: an empty set of its own.
   */
  written?: Set<string>;
}

/** Message text redacted: content, and the string values inside tool-call arguments. */
function redactMessage(m: ChatMessage, counts: RedactionCounts): ChatMessage {
  const out: ChatMessage = { ...m };
  if (typeof m.content === "string") out.content = redactText(m.content, counts);
  if (Array.isArray(m.tool_calls)) {
    out.tool_calls = m.tool_calls.map((c) => {
      const fn = (c as { function?: { name?: unknown; arguments?: unknown } }).function;
      if (typeof fn?.arguments !== "string") return c;
      let args: string;
      try {
        args = JSON.stringify(redactValue(JSON.parse(fn.arguments), counts));
      } catch {
        args = redactText(fn.arguments, counts);
      }
      return { ...(c as object), function: { ...fn, arguments: args } };
    });
  }
  return out;
}

export class ExampleFinisher {
  /** Keys of the examples written so far (dedupe=true), for this page or job. */
  readonly written: Set<string>;

  constructor(private readonly opts: FinishOptions) {
    this.written = opts.written ?? new Set<string>();
  }

  /** The example as it would be written (redacted), or why it cannot be; `counts` gets its redactions. */
  private build(t: Transcript, counts: RedactionCounts): { example: { messages: ChatMessage[]; tools?: unknown[] } } | { skip: SkipReason; detail: string } {
    const messages = this.opts.redactions ? t.messages.map((m) => redactMessage(m, counts)) : t.messages;
    const example = t.tools ? { messages, tools: t.tools as unknown[] } : { messages };
    const v = validateOpenAiExample(example);
    return v.ok ? { example } : { skip: v.reason, detail: v.detail };
  }

  /** The dedupe key of the example this transcript would become (undefined when it cannot be one). */
  keyOf(t: Transcript): string | undefined {
    const built = this.build(t, {});
    return "example" in built ? exampleKey(built.example) : undefined;
  }

  /**
   * A plain example whose line PostgreSQL already wrote (openai-sql.ts: `line` is JSON.stringify's text
   * of `example`, which is valid as it is). Redact and dedupe need the example whole: finish() then.
   */
  finishLine(example: { messages: ChatMessage[] }, line: string): Finished {
    if (this.opts.redactions || this.opts.fineTune.dedupe) return this.finish(example);
    if (line.length > MAX_EXAMPLE_CHARS) return { skip: "too_long", detail: `the example is ${line.length} characters` };
    const tokens = exampleTokens(example);
    const { maxTokens } = this.opts.fineTune;
    if (maxTokens !== undefined && tokens > maxTokens) return { skip: "too_long", detail: `${tokens} tokens > maxTokens=${maxTokens}` };
    return { line, tokens };
  }

  finish(t: Transcript): Finished {
    const counts: RedactionCounts = {};
    const built = this.build(t, counts);
    if (!("example" in built)) return built;
    const { example } = built;
    const { maxTokens, dedupe } = this.opts.fineTune;
    // With dedupe, each plain message's text is escaped once, for the line and the key (example-line.ts);
    // without, JSON.stringify of the whole example is the cheaper way to the same line.
    const escaped = dedupe ? escapedContents(example.messages) : undefined;
    const line = escaped ? exampleLine(example, escaped) : JSON.stringify(example);
    if (line.length > MAX_EXAMPLE_CHARS) return { skip: "too_long", detail: `the example is ${line.length} characters` };
    // A duplicate of a written example has its token count, so it is within maxTokens: asking first
    // spares counting it, and still only written examples are remembered.
    const key = dedupe ? exampleKey(example, escaped) : undefined;
    if (key !== undefined && this.written.has(key)) return { skip: "duplicate", detail: "an identical example was already written" };
    const tokens = exampleTokens(example);
    if (maxTokens !== undefined && tokens > maxTokens) return { skip: "too_long", detail: `${tokens} tokens > maxTokens=${maxTokens}` };
    if (key !== undefined) this.written.add(key);
    // Counted only for what is written: a skipped example's redactions are not in the file.
    if (this.opts.redactions) for (const [k, n] of Object.entries(counts)) this.opts.redactions[k as keyof RedactionCounts] = (this.opts.redactions[k as keyof RedactionCounts] ?? 0) + n;
    return { line, tokens };
  }
}
