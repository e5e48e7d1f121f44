// "agent-run": the support agent plans tool calls, the app runs them (tool SPANs), the results go back
// to the model as `tool` messages, and a last generation answers. A failing tool makes a weaker answer.
import { argsOf, assistant, callTools, system, toolCall, toolResult, user } from "../chat";
import { AGENT_SCENARIOS, AGENT_SYSTEM } from "../content/support-agent";
import { AGENT_TOOLS } from "../content/tools";
import { fill } from "../prng";
import type { ChatMessage } from "../types";
import { callModel, chooseModel, type Outcome, type Workload } from "../workload";

export function supportAgent(w: Workload): Outcome {
  const { rng, b, vars } = w;
  const scenario = rng.pick(AGENT_SCENARIOS);
  const question = fill(rng.pick(scenario.questions), vars);
  const root = b.root("agent-run", { message: question, agent: "support-agent", agent_version: "3.1" });
  const model = chooseModel(w, [["gpt-4o", 5], ["gpt-4o-mini", 3], ["claude-3-5-sonnet", 3]]);
  const messages: ChatMessage[] = [system(fill(AGENT_SYSTEM, vars)), user(question)];
  const metadata = { prompt_name: "support-agent", tools_available: "lookup_customer,list_invoices,get_order_status,issue_refund,search_knowledge_base,create_ticket" };
  let toolFailed = false;
  for (const [i, round] of scenario.rounds.entries()) {
    const calls = round.map((step) => toolCall(rng, step.tool, step.args(vars)));
    const plan = callModel(w, root, i === 0 ? "agent.plan" : "agent.step", { model, messages: [...messages], output: [callTools(calls)], temperature: 0, metadata, tools: AGENT_TOOLS });
    if (plan.error) {
      b.finish(root, null, plan.error);
      return { error: plan.error, model };
    }
    messages.push(callTools(calls));
    for (const [j, step] of round.entries()) {
      const failed = rng.chance(0.08);
      const result = failed ? { error: step.failure } : step.result(vars);
      b.span(root, `tool:${step.tool}`, { input: argsOf(calls[j]), output: result, durationMs: rng.int(35, 950), error: failed ? step.failure : undefined, metadata: { tool: step.tool } });
      messages.push(toolResult(calls[j], result));
      toolFailed ||= failed;
    }
    if (toolFailed) break;
  }
  if (rng.chance(0.15)) b.event(root, "agent.handoff_check", { handoff: toolFailed, reason: toolFailed ? "tool_error" : "resolved" });
  const answer = fill(toolFailed ? scenario.fallbackAnswer : scenario.answer, vars);
  const reply = callModel(w, root, "agent.respond", { model, messages, output: [assistant(answer)], temperature: 0.3, metadata, tools: AGENT_TOOLS });
  if (reply.error) {
    b.finish(root, null, reply.error);
    return { error: reply.error, model, answer: reply.span };
  }
  b.finish(root, reply.aborted ? null : { reply: answer, tools_used: messages.filter((m) => m.role === "tool").length });
  return { model: reply.model, answer: reply.span, qualityShift: toolFailed ? -0.3 : 0 };
}
