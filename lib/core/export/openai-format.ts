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

/**
 * One record of the openai page's COPY (openai-sql.ts: `<key>\t<kind><payload>`, the key a JSON array):
 * a span that is not a generation, a plain generation's finished line, or a generation's fields.
 */
export function fromRecord(record: string, finisher = new ExampleFinisher(PLAIN)): OpenAiResult {
  const at = record.indexOf("\t") + 1;
  const kind = record[at];
  if (kind === "N") return NOT_A_GENERATION;
  const payload = record.slice(at + 1);
  if (kind === "L") return finisher.finishLine(JSON.parse(payload) as { messages: ChatMessage[] }, payload);
  if (kind === "J") return toOpenAiExample(JSON.parse(payload) as ExportRow, finisher);
  throw new Error(`unexpected openai record kind ${JSON.stringify(kind)}`);
}
