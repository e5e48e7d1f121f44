// "rag-pipeline": embed the question, search the docs index, maybe rerank, then answer from the
// retrieved chunks (numbered in the system prompt, cited in the answer).
import { assistant, system, user } from "../chat";
import { DOCS_QUESTIONS, DOCS_SYSTEM } from "../content/docs-qa";
import { fill } from "../prng";
import { callModel, chooseModel, type Outcome, type Workload } from "../workload";

export function docsQa(w: Workload): Outcome {
  const { rng, b } = w;
  const item = rng.pick(DOCS_QUESTIONS);
  const question = rng.pick(item.questions);
  const root = b.root("rag-pipeline", { query: question, index: "docs-v7" });
  const model = chooseModel(w, [["gpt-4o-mini", 5], ["llama-3.1-70b", 3], ["claude-3-5-haiku", 2]]);
  b.span(root, "embed-query", { input: { text: question }, output: { dimensions: 1536 }, durationMs: rng.int(35, 190), metadata: { embedding_model: "text-embedding-3-small" } });
  const searchFails = rng.chance(0.012);
  const error = "VectorStoreError: deadline exceeded after 5000 ms (qdrant docs-v7, shard 3)";
  const top = rng.float(0.55, 0.93);
  const hits = item.chunks.map((c, i) => ({ doc_id: c.doc_id, title: c.title, score: Math.round((top - i * 0.07) * 1000) / 1000 }));
  b.span(root, "vector-search", { input: { query: question, top_k: 4, filter: { product: "api" } }, output: hits, durationMs: searchFails ? 5000 : rng.int(20, 260), error: searchFails ? error : undefined });
  if (searchFails) {
    b.finish(root, null, error);
    return { error, model };
  }
  if (rng.chance(0.45)) b.span(root, "rerank", { input: { candidates: hits.length + rng.int(2, 8) }, output: { kept: hits.map((h) => h.doc_id) }, durationMs: rng.int(60, 320), metadata: { reranker: "bge-reranker-v2" } });
  if (top < 0.6) b.event(root, "retrieval.low_confidence", { top_score: hits[0].score, threshold: 0.6 });
  const context = item.chunks.map((c, i) => `[${i + 1}] ${c.title} (${c.doc_id})\n${c.text}`).join("\n\n");
  const call = callModel(w, root, "answer-with-context", { model, messages: [system(fill(DOCS_SYSTEM, { context })), user(question)], output: [assistant(item.answer)], temperature: 0, metadata: { prompt_name: "docs-qa", retrieved_chunks: String(hits.length) } });
  if (call.error) {
    b.finish(root, null, call.error);
    return { error: call.error, model, answer: call.span };
  }
  b.finish(root, call.aborted ? null : { answer: item.answer, sources: hits.map((h) => h.doc_id) });
  return { model: call.model, answer: call.span, qualityShift: top < 0.6 ? -0.2 : 0.03 };
}
