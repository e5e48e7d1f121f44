// "translate": UI strings into one language, one generation per string.
import { assistant, system, user } from "../chat";
import { LANGUAGES, TRANSLATE_SYSTEM, TRANSLATIONS, type Lang } from "../content/translations";
import { fill } from "../prng";
import type { DemoSpan } from "../types";
import { callModel, chooseModel, type Outcome, type Workload } from "../workload";

export function translator(w: Workload): Outcome {
  const { rng, b } = w;
  const lang = rng.pick(Object.keys(LANGUAGES) as Lang[]);
  const count = rng.weighted([[1, 6], [2, 3], [3, 1]] as const);
  const pool = [...TRANSLATIONS];
  const items = Array.from({ length: count }, () => pool.splice(rng.int(0, pool.length - 1), 1)[0]);
  const root = b.root("translate", { target: lang, strings: items.map((t) => t.source) });
  const model = chooseModel(w, [["gpt-4o-mini", 5], ["llama-3.1-70b", 3], ["claude-3-5-haiku", 2]]);
  const sys = system(fill(TRANSLATE_SYSTEM, { language: LANGUAGES[lang] }));
  let last: DemoSpan | undefined;
  let usedModel = model;
  for (const t of items) {
    const call = callModel(w, root, "translate", { model, messages: [sys, user(t.source)], output: [assistant(t.out[lang])], temperature: 0, metadata: { prompt_name: "translate", target_language: lang } });
    if (call.error) {
      b.finish(root, null, call.error);
      return { error: call.error, model, answer: call.span };
    }
    last = call.span;
    usedModel = call.model;
  }
  b.finish(root, { target: lang, strings: items.map((t) => t.out[lang]) });
  return { model: usedModel, answer: last, qualityShift: lang === "ja" && model === "llama-3.1-70b" ? -0.15 : 0.05 };
}
