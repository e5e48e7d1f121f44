// One trace shape per feature of Acme's assistant.
import type { Feature } from "../catalog";
import type { Outcome, Workload } from "../workload";
import { codeAssistant } from "./code-assistant";
import { docSummary } from "./doc-summary";
import { docsQa } from "./docs-qa";
import { salesAssistant } from "./sales-assistant";
import { sqlCopilot } from "./sql-copilot";
import { supportAgent } from "./support-agent";
import { supportChat } from "./support-chat";
import { translator } from "./translator";

export const WORKLOADS: Record<Feature, (w: Workload) => Outcome> = {
  "support-chat": supportChat,
  "support-agent": supportAgent,
  "docs-qa": docsQa,
  "code-assistant": codeAssistant,
  "sql-copilot": sqlCopilot,
  "doc-summary": docSummary,
  translator,
  "sales-assistant": salesAssistant,
};

/** Features whose sessions have several turns (a conversation); the others are one-off requests. */
export const CONVERSATIONAL: ReadonlySet<Feature> = new Set(["support-chat", "code-assistant", "docs-qa"]);
