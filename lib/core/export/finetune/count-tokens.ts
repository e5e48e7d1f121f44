// Tokens of a chat fine-tuning example, counted the way OpenAI's cookbook counts them ("How to count
// tokens with tiktoken": num_tokens_from_messages and num_tokens_for_tools, gpt-4o's constants), with
// the o200k_base encoding that gpt-tokenizer ships inside its package (no download at run time).
// docs/export.md "Token count" states the formula; count-tokens.test.ts checks the cookbook's own
// examples (124 and 101 tokens).
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Per message: <|start|>{role}<|message|>…<|end|> around its fields. */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
/** Every reply is primed with <|start|>assistant<|message|>. */
const REPLY_PRIMING = 3;
// num_tokens_for_tools for gpt-4o / gpt-4o-mini.
const FUNC_INIT = 7;
const PROP_INIT = 3;
const PROP_KEY = 3;
const ENUM_INIT = -3;
const ENUM_ITEM = 3;
const FUNC_END = 12;

/**
 * Text as ordinary text: a message that happens to contain "<|endoftext|>" is counted as the characters
 * it is (as OpenAI reads user text), never as a special token — and never throws, which the library's
 * default does. The empty set also spares a scan of every text for special tokens.
 */
const ORDINARY = { disallowedSpecial: new Set<string>() };
const countText = (s: string) => countTokens(s, ORDINARY);

/** Roles and other short values repeat in every message: counted once. */
const SHORT = new Map<string, number>();

/**
 * Counts of longer texts, oldest first, within a budget of characters (keys are held whole: a Map
 * compares strings by content, and a digest would cost a pass over the text too). System prompts,
 * tool results and whole earlier turns repeat across the examples of real data (a trace's later
 * generation re-sends its earlier turns; a session's traces share a prompt), and tokenizing costs
 * ~30 ns a character, far more than hashing it for the lookup. A count is a pure function of the text,
 * so a cached one is the same number (count-tokens.test.ts checks it). Per process, shared by every page
 * and job: ~2 bytes a character, so at most ~32 MB. The oldest entry goes first when the budget is
 * full; a hit does not move an entry (re-inserting it cost a quarter of the lookups' time).
 */
export const TEXT_CACHE_CHARS = 16 * 1024 * 1024;
/** Longer texts are counted every time: one would push out hundreds of ordinary ones. */
const CACHED_TEXT_MAX = 64 * 1024;
const LONG = new Map<string, number>();
let longChars = 0;

function cachedCount(v: string): number {
  const hit = LONG.get(v);
  if (hit !== undefined) return hit;
  const n = countText(v);
  if (v.length <= CACHED_TEXT_MAX) {
    LONG.set(v, n);
    longChars += v.length;
    for (const oldest of LONG.keys()) {
      if (longChars <= TEXT_CACHE_CHARS) break;
      LONG.delete(oldest);
      longChars -= oldest.length;
    }
  }
  return n;
}

/** Empties the per-process cache (tests: a count from a cold cache). */
export function clearTokenCache(): void {
  LONG.clear();
  longChars = 0;
}

function text(v: unknown): number {
  if (typeof v !== "string" || v.length === 0) return 0;
  if (v.length > 16) return cachedCount(v);
  let n = SHORT.get(v);
  if (n === undefined) {
    n = countText(v);
    if (SHORT.size < 10_000) SHORT.set(v, n);
  }
  return n;
}
const withoutFinalDot = (s: string) => (s.endsWith(".") ? s.slice(0, -1) : s);

/** A tool call counts its id, function name and arguments text (the string fields the model sees). */
function toolCallTokens(call: unknown): number {
  if (!isObject(call)) return 0;
  const fn = isObject(call.function) ? call.function : {};
  return text(call.id) + text(fn.name) + text(fn.arguments);
}

/** The cookbook's loop: 3 per message, then every string field's tokens (+1 for a name); weight is not text. */
export function messageTokens(m: unknown): number {
  if (!isObject(m)) return 0;
  let n = TOKENS_PER_MESSAGE;
  for (const [key, value] of Object.entries(m)) {
    if (key === "tool_calls" && Array.isArray(value)) for (const call of value) n += toolCallTokens(call);
    else if (typeof value === "string") {
      n += text(value);
      if (key === "name") n += TOKENS_PER_NAME;
    }
  }
  return n;
}

/** num_tokens_for_tools' share for the definitions (0 without tools). */
export function toolsTokens(tools: unknown): number {
  if (!Array.isArray(tools) || tools.length === 0) return 0;
  let n = 0;
  for (const t of tools) {
    const fn = isObject(t) && isObject(t.function) ? t.function : {};
    n += FUNC_INIT;
    const description = typeof fn.description === "string" ? fn.description : "";
    n += countText(`${typeof fn.name === "string" ? fn.name : ""}:${withoutFinalDot(description)}`);
    const properties = isObject(fn.parameters) && isObject(fn.parameters.properties) ? fn.parameters.properties : {};
    const keys = Object.keys(properties);
    if (keys.length === 0) continue;
    n += PROP_INIT;
    for (const key of keys) {
      const p = isObject(properties[key]) ? properties[key] : {};
      n += PROP_KEY;
      if (Array.isArray(p.enum)) {
        n += ENUM_INIT;
        for (const item of p.enum) n += ENUM_ITEM + countText(String(item));
      }
      const type = typeof p.type === "string" ? p.type : "";
      const desc = typeof p.description === "string" ? withoutFinalDot(p.description) : "";
      n += countText(`${key}:${type}:${desc}`);
    }
  }
  return n + FUNC_END;
}

/** Tokens of one example: its messages, the reply priming, and its tool definitions. */
export function exampleTokens(example: { messages: unknown[]; tools?: unknown }): number {
  let n = REPLY_PRIMING;
  for (const m of example.messages) n += messageTokens(m);
  return n + toolsTokens(example.tools);
}
