// One example from a unit's generations (unit=trace|session): each generation read as a transcript,
// merged in time order (merge-conversation.ts), then finished like any example.
import type { UnitRow } from "../row-source";
import type { ExampleFinisher, Finished } from "./finish-example";
import { ConversationMerge } from "./merge-conversation";
import { transcriptOf } from "./transcript";

export function unitExample(rows: UnitRow[], finisher: ExampleFinisher, what: "trace" | "session"): Finished {
  const merge = new ConversationMerge();
  let used = 0;
  for (const row of rows) {
    const t = transcriptOf(row, merge.callIds());
    // A generation that is not a chat (an embedding, a completion without messages) is not a turn.
    if ("skip" in t) continue;
    merge.add(t);
    used++;
  }
  if (used === 0) return { skip: "no_messages", detail: `the ${what} has no generation with chat messages` };
  const example = merge.result();
  if (!example.messages.some((m) => m.role === "assistant")) return { skip: "no_assistant_output", detail: `the ${what} has no assistant turn` };
  return finisher.finish(example);
}
