// The Vercel AI SDK's prompt and response attributes → canonical chat messages (docs/data-model.md).
// The prompt is the SDK's provider-level prompt (LanguageModelV1/V2 prompt): system text, then user,
// assistant and tool messages whose content is text or a list of parts. Parts are mapped onto the
// semconv parts form, which the shared normaliser (semconv-messages.ts) reads: tool calls keep their
// ids, each tool result becomes a `tool` message answering its call.
import type { JsonValue } from "./any-value";
import { parseMaybeJson, type ChatMessage } from "./chat-messages";
import { messagesFromAttribute } from "./semconv-messages";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** A tool result: SDK 5 wraps it as {type: text|json|error-text|error-json|content, value}; SDK 4 gives it bare. */
function resultOf(part: Obj): unknown {
  const output = part.output;
  if (isObj(output) && typeof output.type === "string" && "value" in output) return output.value;
  return output ?? part.result;
}

function partOf(part: unknown): Obj | undefined {
  if (!isObj(part)) return undefined;
  switch (part.type) {
    case "text":
      return { type: "text", content: part.text };
    case "tool-call":
      return { type: "tool_call", id: part.toolCallId, name: part.toolName, arguments: part.input ?? part.args };
    case "tool-result":
      return { type: "tool_call_response", id: part.toolCallId, response: resultOf(part) };
    default:
      return undefined; // files, images, reasoning: not chat text
  }
}

function rawMessage(m: unknown): Obj | undefined {
  if (!isObj(m)) return undefined;
  if (!Array.isArray(m.content)) return { role: m.role, content: m.content };
  return { role: m.role, parts: m.content.map(partOf).filter((p): p is Obj => p !== undefined) };
}

/** `ai.prompt.messages` (JSON text) → canonical messages; undefined when it holds none. */
export function vercelMessages(value: JsonValue | undefined): ChatMessage[] | undefined {
  const parsed = parseMaybeJson(value);
  if (!Array.isArray(parsed)) return undefined;
  return messagesFromAttribute(parsed.map(rawMessage).filter((m): m is Obj => m !== undefined));
}

/** The assistant's answer from ai.response.text / .toolCalls / .object; undefined when nothing was recorded. */
export function vercelResponse(text: JsonValue | undefined, toolCalls: JsonValue | undefined, object: JsonValue | undefined): ChatMessage[] | undefined {
  const calls = parseMaybeJson(toolCalls);
  const parts: Obj[] = [];
  const answer = typeof text === "string" ? text : typeof object === "string" ? object : object != null ? JSON.stringify(object) : undefined;
  const callParts = (Array.isArray(calls) ? calls : []).filter(isObj).map((c) => ({ type: "tool_call", id: c.toolCallId, name: c.toolName, arguments: c.input ?? c.args }));
  // An empty text beside tool calls is "no text": the message's content is then null, as OpenAI sends it.
  if (answer !== undefined && (answer !== "" || !callParts.length)) parts.push({ type: "text", content: answer });
  parts.push(...callParts);
  return parts.length ? messagesFromAttribute([{ role: "assistant", parts }]) : undefined;
}
