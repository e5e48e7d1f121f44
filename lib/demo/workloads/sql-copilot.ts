// "sql-copilot": the model writes SQL as a run_sql tool call, the warehouse runs it (a tool SPAN),
// a wrong column makes the model fix its query once, then it explains the rows.
import { assistant, callTools, system, toolCall, toolResult, user } from "../chat";
import { SQL_QUESTIONS, SQL_SYSTEM } from "../content/sql";
import { SQL_TOOLS } from "../content/tools";
import type { ChatMessage, DemoSpan } from "../types";
import { callModel, chooseModel, type Outcome, type Workload } from "../workload";

export function sqlCopilot(w: Workload): Outcome {
  const { rng, b } = w;
  const item = rng.pick(SQL_QUESTIONS);
  const question = rng.pick(item.questions);
  const root = b.root("sql-copilot", { question, warehouse: "analytics-prod" });
  const model = chooseModel(w, [["gpt-4o", 5], ["claude-3-5-sonnet", 4], ["gpt-4o-mini", 1]]);
  const messages: ChatMessage[] = [system(SQL_SYSTEM), user(question)];
  const attempts = item.mistake && rng.chance(0.4) ? [item.mistake.sql, item.sql] : [item.sql];
  const result = item.result(rng);
  let first: DemoSpan | undefined;
  for (const [i, sql] of attempts.entries()) {
    const call = toolCall(rng, "run_sql", { query: sql });
    const gen = callModel(w, root, i === 0 ? "generate-sql" : "fix-sql", { model, messages: [...messages], output: [callTools([call])], temperature: 0, metadata: { prompt_name: "sql-copilot" }, tools: SQL_TOOLS });
    if (gen.error) {
      b.finish(root, null, gen.error);
      return { error: gen.error, model };
    }
    first ??= gen.span;
    const failed = i < attempts.length - 1;
    const error = failed ? item.mistake!.error : undefined;
    const rows = { columns: result.columns, rows: result.rows, row_count: result.rows.length };
    b.span(root, "tool:run_sql", { input: { query: sql }, output: rows, durationMs: rng.int(80, 2400), error, metadata: { tool: "run_sql" } });
    messages.push(callTools([call]), toolResult(call, failed ? { error } : rows));
  }
  const explanation = item.explain(result.rows);
  const call = callModel(w, root, "explain-results", { model, messages, output: [assistant(explanation)], temperature: 0.2, metadata: { prompt_name: "sql-copilot" }, tools: SQL_TOOLS });
  if (call.error) {
    b.finish(root, null, call.error);
    return { error: call.error, model, answer: call.span };
  }
  b.finish(root, { answer: explanation, attempts: attempts.length });
  const checks = first ? [{ span: first, name: "correctness", value: attempts.length === 1 ? 1 : 0, comment: attempts.length === 1 ? "query ran on the first try" : "first query referenced a column that does not exist" }] : [];
  return { model: call.model, answer: call.span, qualityShift: attempts.length > 1 ? -0.08 : 0.04, checks };
}
