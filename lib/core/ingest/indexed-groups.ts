// Conventions that cannot nest values flatten lists into indexed keys (`llm.tools.0.tool.json_schema`,
// `llm.input_messages.1.message.tool_calls.0.tool_call.id`). This regroups them: one record per index,
// in numeric order, holding the rest of each key.
import type { JsonValue } from "./any-value";

export type Group = Record<string, JsonValue>;

/** `<prefix>.<i>.<rest>` keys → [i, { rest: value }] in numeric order of i. */
export function groupByIndex(attrs: Record<string, JsonValue>, prefix: string): [number, Group][] {
  const head = `${prefix}.`;
  const groups = new Map<number, Group>();
  for (const [key, value] of Object.entries(attrs)) {
    if (!key.startsWith(head)) continue;
    const dot = key.indexOf(".", head.length);
    if (dot < 0) continue;
    const index = key.slice(head.length, dot);
    if (!/^\d+$/.test(index)) continue;
    const i = Number(index);
    let group = groups.get(i);
    if (!group) groups.set(i, (group = {}));
    group[key.slice(dot + 1)] = value;
  }
  return [...groups.entries()].sort(([a], [b]) => a - b);
}
