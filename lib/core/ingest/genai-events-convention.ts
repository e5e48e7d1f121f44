// OpenTelemetry GenAI semantic conventions, the older event form: one span event per message —
// gen_ai.system.message, gen_ai.user.message, gen_ai.assistant.message, gen_ai.tool.message (the
// input, in order) and gen_ai.choice (the output). Span events carry no body, so producers put the
// event body either whole, as JSON, in `gen_ai.event.content` (Azure AI Inference), or field by field
// as attributes: `content`, `role`, `tool_calls`, `id`, and for a choice `message`, `index`,
// `finish_reason` (Strands Agents, whose content is a JSON list of Bedrock content blocks:
// {text}, {toolUse:{toolUseId,name,input}}, {toolResult:{toolUseId,content}}).
// Also read: the current semconv's `gen_ai.client.inference.operation.details` event, which carries
// gen_ai.input.messages / gen_ai.output.messages / gen_ai.tool.definitions as event attributes, and
// the 1.27 events gen_ai.content.prompt / gen_ai.content.completion (attributes gen_ai.prompt /
// gen_ai.completion).
import { objectValue } from "./attribute-values";
import { parseMaybeJson, type ChatMessage } from "./chat-messages";
import { defined, type ConventionFields, type Sourced, type SpanEvent, type SpanView } from "./convention-fields";
import { readGenAi } from "./genai-convention";
import { messagesFromAttribute } from "./semconv-messages";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

const ROLE_OF_EVENT = new Map([
  ["gen_ai.system.message", "system"],
  ["gen_ai.user.message", "user"],
  ["gen_ai.assistant.message", "assistant"],
  ["gen_ai.tool.message", "tool"],
]);
const CHOICE = "gen_ai.choice";
const DETAILS = "gen_ai.client.inference.operation.details";

/** The event's body: `gen_ai.event.content` when given, else the body fields spread as attributes. */
function bodyOf(event: SpanEvent): Obj {
  return objectValue(event.attrs["gen_ai.event.content"]) ?? event.attrs;
}

/** Bedrock / Vertex content blocks ({text}, {toolUse}, {toolResult}) → semconv message parts. */
function blockParts(blocks: unknown[]): Obj[] {
  return blocks.flatMap((b): Obj[] => {
    if (!isObj(b)) return [];
    if (typeof b.text === "string") return [{ type: "text", content: b.text }];
    if (isObj(b.toolUse)) return [{ type: "tool_call", id: b.toolUse.toolUseId, name: b.toolUse.name, arguments: b.toolUse.input }];
    if (isObj(b.toolResult)) {
      const content = Array.isArray(b.toolResult.content) ? b.toolResult.content : [];
      const texts = content.map((c) => (isObj(c) ? (typeof c.text === "string" ? c.text : (c.json ?? null)) : null)).filter((c) => c !== null);
      const response = texts.length === 1 ? texts[0] : texts.every((t) => typeof t === "string") ? texts.join("\n") : texts;
      return [{ type: "tool_call_response", id: b.toolResult.toolUseId, response }];
    }
    return [];
  });
}

/** One message body (role, content, tool_calls, id) → a raw message the shared normaliser reads. */
function rawMessage(role: string, body: Obj): Obj {
  const content = parseMaybeJson(body.content);
  const toolCalls = parseMaybeJson(body.tool_calls);
  const isBlocks = Array.isArray(content) && content.some((b) => isObj(b) && ("toolUse" in b || "toolResult" in b || ("text" in b && !("type" in b))));
  if (isBlocks) return { role, parts: blockParts(content as unknown[]) };
  // A tool message's text is its result; the call it answers is `id`.
  if (role === "tool") return { role, tool_call_id: body.tool_call_id ?? body.id, content: typeof content === "string" ? content : (body.content ?? "") };
  return { role, content, tool_calls: Array.isArray(toolCalls) ? toolCalls : undefined };
}

function choiceMessage(body: Obj): Obj {
  const message = parseMaybeJson(body.message);
  if (isObj(message)) return rawMessage(typeof message.role === "string" ? message.role : "assistant", message);
  // Strands writes the choice's message as its content alone (blocks or text).
  return rawMessage("assistant", { content: body.message, tool_calls: body.tool_calls });
}

function messagesOf(raws: Obj[], events: number[]): Sourced<ChatMessage[]> | undefined {
  const value = raws.length ? messagesFromAttribute(raws) : undefined;
  return value && { value, keys: [], events };
}

/** The first of these events whose attributes hold this side's content, read as the attribute form is. */
function fromAttributeEvent<K extends "inputMessages" | "outputMessages" | "tools">(events: SpanEvent[], names: ReadonlySet<string>, side: K): ConventionFields[K] {
  for (const [i, event] of events.entries()) {
    if (!names.has(event.name)) continue;
    const found = readGenAi(event)[side];
    // Read from an event, not from the span's attribute keys: the event is what the row consumes.
    if (found) return { ...found, keys: [], events: [i] } as ConventionFields[K];
  }
  return undefined;
}

const INPUT_EVENTS = new Set([DETAILS, "gen_ai.content.prompt"]);
const OUTPUT_EVENTS = new Set([DETAILS, "gen_ai.content.completion"]);
const TOOLS_EVENTS = new Set([DETAILS]);

export function readGenAiEvents({ events }: SpanView): ConventionFields {
  if (events.length === 0) return {};
  const inputs: Obj[] = [];
  const inputEvents: number[] = [];
  const choices: { index: number; raw: Obj; event: number }[] = [];
  events.forEach((event, i) => {
    const role = ROLE_OF_EVENT.get(event.name);
    if (role) {
      const body = bodyOf(event);
      inputs.push(rawMessage(typeof body.role === "string" ? body.role : role, body));
      inputEvents.push(i);
    } else if (event.name === CHOICE) {
      const body = bodyOf(event);
      const index = Number(body.index ?? choices.length);
      choices.push({ index: Number.isFinite(index) ? index : choices.length, raw: choiceMessage(body), event: i });
    }
  });
  // Several choices (n > 1) are alternatives, not a conversation: the first is the answer.
  choices.sort((a, b) => a.index - b.index);
  const fromMessages = defined({
    inputMessages: messagesOf(inputs, inputEvents),
    outputMessages: messagesOf(choices.slice(0, 1).map((c) => c.raw), choices.map((c) => c.event)),
  });
  // The per-message events first: they are the form this reader is for; the attribute events fill in.
  return defined({
    inputMessages: fromMessages.inputMessages ?? fromAttributeEvent(events, INPUT_EVENTS, "inputMessages"),
    outputMessages: fromMessages.outputMessages ?? fromAttributeEvent(events, OUTPUT_EVENTS, "outputMessages"),
    tools: fromAttributeEvent(events, TOOLS_EVENTS, "tools"),
  });
}
