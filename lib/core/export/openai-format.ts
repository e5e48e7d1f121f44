// `format=openai`, unit=span: one `{"messages":[…]}` fine-tuning example per GENERATION span — its
// input messages (system, user, earlier turns, tool results) followed by its output (the assistant's
// answer), with `"tools":[…]` when the generation was offered tool definitions. A row that cannot become a valid example is skipped with a reason, never written half-right.
// The trace and session units build their examples in finetune/unit-examples.ts; all of them finish
// the same way (finetune/finish-example.ts).
import { ExampleFinisher, type Finished, type FinishOptions } from "./finetune/finish-example";
import { transcriptOf } from "./finetune/transcript";
import type { ChatMessage } from "./openai-messages";
import type { ExportRow } from "./types";

export type OpenAiResult = Finished;

const PLAIN: FinishOptions = { fineTune: { dedupe: false } };

/** One span's example; `finisher` carries the export's options and what it wrote already. */
export function toOpenAiExample(row: ExportRow, finisher = new ExampleFinisher(PLAIN)): OpenAiResult {
  const t = transcriptOf(row);
  return "skip" in t ? t : finisher.finish(t);
}

const NOT_A_GENERATION: OpenAiResult = { skip: "not_a_generation", detail: "the span is not a GENERATION" };
const TAB = 0x09;
const L = 0x4c;
const J = 0x4a;
const N = 0x4e;

/**
 * One record of the openai page's COPY (openai-sql.ts: `<key>\t<kind><payload>`, the key a JSON object),
 * without its newline: a span that is not a generation, a plain generation's finished line, or a
 * generation's fields. `lineAt`: where in `record` the written line starts when it is the record's own
 * payload, so its bytes can be written as they came. Only the payload is decoded, on its own: a string
 * of the whole piece would be too large for V8's young generation (docs/performance.md, eleventh round).
 */
export function exampleOfRecord(record: Buffer, finisher = new ExampleFinisher(PLAIN)): { result: OpenAiResult; lineAt?: number } {
  const at = record.indexOf(TAB) + 1;
  const kind = record[at];
  if (kind === N) return { result: NOT_A_GENERATION };
  const payload = record.toString("utf8", at + 1);
  if (kind === L) {
    const result = finisher.finishLine(JSON.parse(payload) as { messages: ChatMessage[] }, payload);
    return "line" in result && result.line === payload ? { result, lineAt: at + 1 } : { result };
  }
  if (kind === J) return { result: toOpenAiExample(JSON.parse(payload) as ExportRow, finisher) };
  throw new Error(`unexpected openai record kind ${JSON.stringify(String.fromCharCode(kind))}`);
}
