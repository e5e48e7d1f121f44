// unit=trace|session: the generations of one trace (or session), in time order, merged into one
// conversation (docs/export.md "Whole conversations"). Producers send generations in two styles,
// and the rule below serves both without knowing which it has:
// - resending the whole history (agent loops): each generation's messages start with the
//   conversation so far, so they replace it — the longest history wins;
// - one call per request: each generation carries only its own turn, appended in order.
// In between (a sliding window, a fixed few-shot prefix, a retried call) a generation's messages
// are matched against the conversation first, so no turn is written twice.
import type { ChatMessage } from "../openai-messages";
import { messageKey, plainText } from "./example-key";
import type { Transcript } from "./transcript";

/**
 * A message with what identifies it (its canonical key, example-key.ts): a plain message by its role
 * and trimmed text (`text`), which is what its key would say, without writing the key; any other by
 * its key.
 */
interface Keyed {
  m: ChatMessage;
  text?: string;
  key?: string;
}

export class ConversationMerge {
  /** The system prompt: the system messages of the first generation that has any. */
  private system: Keyed[] | undefined;
  private turns: Keyed[] = [];
  private tools = new Map<string, unknown>();

  /** Adds one generation's messages (in time order). */
  add(t: Transcript): void {
    const system = t.messages.filter((m) => m.role === "system");
    if (!this.system && system.length) this.system = system.map(keyed);
    this.mergeTurns(t.messages.filter((m) => m.role !== "system").map(keyed));
    // The tools offered anywhere in the conversation; the first definition of a name wins.
    for (const tool of t.tools ?? []) {
      const name = (tool as { function?: { name?: unknown } })?.function?.name;
      const key = typeof name === "string" ? name : JSON.stringify(tool);
      if (!this.tools.has(key)) this.tools.set(key, tool);
    }
  }

  /** Messages and tools so far, tool results moved to their calls, ending on an assistant turn. */
  result(): Transcript {
    const messages = [...(this.system ?? []).map((k) => k.m), ...endOnAssistant(placeToolResults(this.turns.map((k) => k.m)))];
    return this.tools.size ? { messages, tools: [...this.tools.values()] } : { messages };
  }

  /** Call ids the conversation holds so far (a later span's tool_calls column never repeats them). */
  callIds(): Set<unknown> {
    return new Set(this.turns.flatMap((k) => (Array.isArray(k.m.tool_calls) ? k.m.tool_calls : [])).map((c) => (c as { id?: unknown })?.id));
  }

  private mergeTurns(next: Keyed[]): void {
    const c = this.turns;
    if (next.length === 0) return;
    if (c.length === 0) {
      this.turns = next;
      return;
    }
    // 1. The generation starts where the conversation starts: it carries history (all of it, or with
    //    turns left out, as a retried call does). Walk its messages through the conversation in order;
    //    the first one the conversation does not hold and everything after it are new.
    if (same(next[0], c[0])) {
      let j = 0;
      let i = 0;
      for (; i < next.length; i++) {
        let k = j;
        while (k < c.length && !same(c[k], next[i])) k++;
        if (k === c.length) break;
        j = k + 1;
      }
      this.turns = [...c, ...next.slice(i)];
      return;
    }
    // 2. It starts inside the conversation (a sliding window of recent turns): the longest run at the
    //    end of the conversation that its messages begin with is not repeated.
    for (let k = Math.min(c.length, next.length); k > 0; k--) {
      if (sameRun(c, c.length - k, next, k)) {
        this.turns = [...c, ...next.slice(k)];
        return;
      }
    }
    // 3. Nothing in common: its own turn, appended.
    this.turns = [...c, ...next];
  }
}

function keyed(m: ChatMessage): Keyed {
  const text = plainText(m);
  return text === undefined ? { m, key: messageKey(m) } : { m, text };
}

/** The two messages' keys are equal (a plain message's key never equals another kind's). */
function same(a: Keyed, b: Keyed): boolean {
  if (a.text !== undefined) return b.text !== undefined && a.text === b.text && a.m.role === b.m.role;
  return b.text === undefined && a.key === b.key;
}

function sameRun(c: Keyed[], from: number, next: Keyed[], k: number): boolean {
  for (let i = 0; i < k; i++) if (!same(c[from + i], next[i])) return false;
  return true;
}

/**
 * Each tool result right after the assistant message that made its call (OpenAI wants them there),
 * the first result of a call only. A result whose call is not in the conversation stays where it
 * was, for the validator to reject.
 */
export function placeToolResults(messages: ChatMessage[]): ChatMessage[] {
  const calls = new Set(messages.flatMap((m) => (m.role === "assistant" && Array.isArray(m.tool_calls) ? m.tool_calls : [])).map((c) => (c as { id?: unknown })?.id));
  const results = new Map<unknown, ChatMessage>();
  for (const m of messages) if (m.role === "tool" && calls.has(m.tool_call_id) && !results.has(m.tool_call_id)) results.set(m.tool_call_id, m);
  const out: ChatMessage[] = [];
  for (const m of messages) {
    if (m.role === "tool" && calls.has(m.tool_call_id)) continue; // placed with its call below
    out.push(m);
    if (m.role === "assistant" && Array.isArray(m.tool_calls)) {
      for (const call of m.tool_calls) {
        const r = results.get((call as { id?: unknown })?.id);
        if (r) out.push(r);
      }
    }
  }
  return out;
}

/** Drops trailing user and tool messages: an example ends with what the assistant said. */
export function endOnAssistant(messages: ChatMessage[]): ChatMessage[] {
  let end = messages.length;
  while (end > 0 && messages[end - 1].role !== "assistant") end--;
  return messages.slice(0, end);
}
