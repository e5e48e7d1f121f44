// The current GenAI semantic conventions carry messages as JSON in one attribute each:
//   gen_ai.input.messages / gen_ai.output.messages:
//     [{ role, name?, parts: [{type:"text",content} | {type:"tool_call",id,name,arguments}
//                             | {type:"tool_call_response",id,response}], finish_reason? }]
//   gen_ai.system_instructions: [{type:"text",content}] (or a plain string)
// Producers that send OpenAI-shaped messages ({role, content, tool_calls, tool_call_id}) in the same
// attributes are understood too. Parts other than text and tool calls (reasoning, blobs, files) are
// left out of the messages; the raw attribute stays in `attributes`.
import {
  argumentsAsString,
  asText,
  normaliseRole,
  parseMaybeJson,
  type ChatMessage,
  type ChatToolCall,
} from "./chat-messages";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** Text of a content value: a string, or an array of text parts (semconv `content`, OpenAI `text`). */
export function textOf(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return undefined;
  const texts = content.filter((p) => isObj(p) && (p.type === "text" || p.type === undefined))
    .map((p) => (p as Obj).content ?? (p as Obj).text)
    .filter((t): t is string => typeof t === "string");
  return texts.length ? texts.join("\n") : undefined;
}

function toolCallFrom(raw: Obj, fallbackId: string): ChatToolCall {
  // OpenAI shape nests name/arguments under `function`; semconv parts carry them flat.
  const fn = isObj(raw.function) ? raw.function : raw;
  return {
    id: typeof raw.id === "string" && raw.id ? raw.id : fallbackId,
    type: "function",
    function: { name: asText(fn.name), arguments: argumentsAsString(fn.arguments) },
  };
}

/** One message in either form → one or more canonical messages (tool results split per call). */
function normaliseOne(raw: Obj, index: number): ChatMessage[] {
  const role = normaliseRole(raw.role);
  const name = typeof raw.name === "string" && raw.name ? raw.name : undefined;
  const texts: string[] = [];
  const toolCalls: ChatToolCall[] = [];
  const toolResults: ChatMessage[] = [];

  if (Array.isArray(raw.parts)) {
    raw.parts.forEach((part, j) => {
      if (!isObj(part)) return;
      if (part.type === "text") {
        const t = part.content ?? part.text;
        if (typeof t === "string") texts.push(t);
      } else if (part.type === "tool_call") {
        toolCalls.push(toolCallFrom(part, `call_${index}_${j}`));
      } else if (part.type === "tool_call_response") {
        toolResults.push({
          role: "tool",
          tool_call_id: asText(part.id),
          content: asText(part.response ?? part.result),
        });
      }
    });
  } else {
    const t = textOf(raw.content);
    if (t !== undefined) texts.push(t);
    else if (raw.content != null) texts.push(asText(raw.content));
    if (Array.isArray(raw.tool_calls)) {
      raw.tool_calls.forEach((c, j) => isObj(c) && toolCalls.push(toolCallFrom(c, `call_${index}_${j}`)));
    }
  }

  const out: ChatMessage[] = [];
  if (role === "tool" && !Array.isArray(raw.parts)) {
    out.push({ role, tool_call_id: asText(raw.tool_call_id ?? raw.id), content: texts.join("\n") });
    return out;
  }
  // A tool message in parts form is nothing but its results; a user message may carry results too
  // (Anthropic-style): either way each result becomes its own `tool` message.
  if (role !== "tool" && (texts.length || toolCalls.length || !toolResults.length)) {
    const text = texts.join("\n");
    // An assistant turn that only calls tools has null content, as OpenAI sends it (some producers
    // write "" there); any other message without text has "".
    const msg: ChatMessage = { role, content: text === "" && role === "assistant" && toolCalls.length ? null : text };
    if (name) msg.name = name;
    if (toolCalls.length && role === "assistant") msg.tool_calls = toolCalls;
    out.push(msg);
  }
  out.push(...toolResults);
  return out;
}

/** A messages attribute (JSON text or already-decoded array) → canonical messages, or undefined. */
export function messagesFromAttribute(value: unknown): ChatMessage[] | undefined {
  const parsed = parseMaybeJson(value);
  if (Array.isArray(parsed)) {
    const messages = parsed.flatMap((m, i) => (isObj(m) ? normaliseOne(m, i) : []));
    return messages.length ? messages : undefined;
  }
  if (isObj(parsed) && ("role" in parsed || "parts" in parsed)) return normaliseOne(parsed, 0);
  return undefined;
}

/** gen_ai.system_instructions (parts array, or a plain string) → one system message. */
export function systemMessageFrom(value: unknown): ChatMessage | undefined {
  const parsed = parseMaybeJson(value);
  let text: string | undefined;
  if (Array.isArray(parsed)) text = textOf(parsed);
  else if (isObj(parsed)) text = textOf([parsed]);
  // Plain text that happened to parse as a JSON scalar ("42") is still the instruction text.
  else if (typeof value === "string") text = value;
  return text ? { role: "system", content: text } : undefined;
}
