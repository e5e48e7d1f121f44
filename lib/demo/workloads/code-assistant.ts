// "chat-request" for the code assistant: questions with code, multi-turn within a session.
import { assistant, system, user } from "../chat";
import { CODING_FOLLOW_UPS, CODING_PAIRS, CODING_SYSTEM } from "../content/coding";
import { callModel, chooseModel, type Outcome, type Workload } from "../workload";

export function codeAssistant(w: Workload): Outcome {
  const { rng, b } = w;
  const followUp = w.session.history.length > 0 && rng.chance(0.55);
  const [question, answer] = followUp ? rng.pick(CODING_FOLLOW_UPS) : (({ question: q, answer: a }) => [q, a])(rng.pick(CODING_PAIRS));
  const root = b.root("chat-request", { message: question, surface: rng.pick(["vscode", "vscode", "jetbrains", "web"]) });
  const model = chooseModel(w, [["claude-3-5-sonnet", 5], ["gpt-4o", 4], ["gpt-4o-mini", 1]]);
  const messages = [system(CODING_SYSTEM), ...w.session.history.slice(-4), user(question)];
  const call = callModel(w, root, "chat-completion", { model, messages, output: [assistant(answer)], temperature: 0.2, metadata: { prompt_name: "code-assistant" } });
  if (call.error) {
    b.finish(root, null, call.error);
    return { error: call.error, model, answer: call.span };
  }
  if (!call.aborted) {
    w.session.history.push(user(question), assistant(answer));
    if (/```/.test(answer) && rng.chance(0.35)) b.event(root, "user.copied_code", { block: 1, language: /```(\w+)/.exec(answer)?.[1] ?? "text" });
  }
  b.finish(root, call.aborted ? null : { reply: answer });
  return { model: call.model, answer: call.span, qualityShift: 0.02 };
}
