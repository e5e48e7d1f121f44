// "summarize-document": map-reduce summarisation, one generation per chunk and one that combines.
import { assistant, system, user } from "../chat";
import { COMBINE_SYSTEM, SUMMARY_DOCS, SUMMARY_SYSTEM } from "../content/summaries";
import { fill } from "../prng";
import { callModel, chooseModel, type Outcome, type Workload } from "../workload";

export function docSummary(w: Workload): Outcome {
  const { rng, b, vars } = w;
  const doc = rng.pick(SUMMARY_DOCS);
  const title = fill(doc.title, vars);
  const chunks = doc.chunks.map((c) => ({ text: fill(c.text, vars), summary: fill(c.summary, vars) }));
  const root = b.root("summarize-document", { title, kind: doc.kind, chunks: chunks.length, chars: chunks.reduce((n, c) => n + c.text.length, 0) });
  const model = chooseModel(w, [["claude-3-5-haiku", 4], ["gpt-4o-mini", 4], ["llama-3.1-70b", 3]]);
  const metadata = { prompt_name: "summarize", document_kind: doc.kind };
  for (const [i, chunk] of chunks.entries()) {
    const call = callModel(w, root, "summarize-chunk", { model, messages: [system(SUMMARY_SYSTEM), user(chunk.text)], output: [assistant(chunk.summary)], temperature: 0, metadata: { ...metadata, chunk: String(i + 1) } });
    if (call.error) {
      b.finish(root, null, call.error);
      return { error: call.error, model, answer: call.span };
    }
  }
  const summary = fill(doc.summary, vars);
  const partials = chunks.map((c, i) => `Part ${i + 1}:\n${c.summary}`).join("\n\n");
  const call = callModel(w, root, "combine-summaries", { model, messages: [system(COMBINE_SYSTEM), user(partials)], output: [assistant(summary)], temperature: 0, metadata });
  if (call.error) {
    b.finish(root, null, call.error);
    return { error: call.error, model, answer: call.span };
  }
  b.finish(root, call.aborted ? null : { title, summary });
  return { model: call.model, answer: call.span };
}
