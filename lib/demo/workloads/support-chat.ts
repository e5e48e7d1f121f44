// "chat-request": one support question answered by one generation, the conversation so far in its input.
import { assistant, system, user } from "../chat";
import { CLOSERS, FOLLOW_UPS, OPENERS, SUPPORT_SYSTEM, SUPPORT_TOPICS } from "../content/support";
import { fill } from "../prng";
import { callModel, chooseModel, type Outcome, type Workload } from "../workload";

export function supportChat(w: Workload): Outcome {
  const { rng, b, vars } = w;
  let question: string;
  let answer: string;
  if (w.session.history.length > 0 && rng.chance(0.6)) {
    [question, answer] = rng.pick(FOLLOW_UPS).map((t) => fill(t, vars));
  } else {
    const topic = rng.pick(SUPPORT_TOPICS);
    question = fill(rng.pick(OPENERS) + rng.pick(topic.questions) + rng.pick(CLOSERS), vars);
    answer = fill(rng.pick(topic.answers), vars);
  }
  const root = b.root("chat-request", { message: question, channel: rng.pick(["web", "web", "ios", "android"]) });
  if (rng.chance(0.2)) b.event(root, "cache.lookup", { hit: false, key: `faq:${rng.hex(8)}` });
  if (/@/.test(question)) b.event(root, "guardrail.pii_redacted", { fields: ["email"], action: "masked_in_logs" });
  const model = chooseModel(w, [["gpt-4o-mini", 6], ["gpt-4o", 2], ["claude-3-5-haiku", 2]]);
  const messages = [system(fill(SUPPORT_SYSTEM, vars)), ...w.session.history.slice(-6), user(question)];
  const call = callModel(w, root, "chat-completion", { model, messages, output: [assistant(answer)], temperature: 0.3, metadata: { prompt_name: "support-system", prompt_version: String(vars.promptVersion) } });
  if (call.error) {
    b.finish(root, null, call.error);
    return { error: call.error, model, answer: call.span };
  }
  if (!call.aborted) w.session.history.push(user(question), assistant(answer));
  b.finish(root, call.aborted ? null : { reply: answer });
  return { model: call.model, answer: call.span };
}
