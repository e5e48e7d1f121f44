import type { Format } from "@/lib/core/filters";

/** The three export formats of SPEC §3, each with the one line the Export dialog shows. */
export const EXPORT_FORMATS: { value: Format; label: string; description: string }[] = [
  { value: "jsonl", label: "JSONL", description: "One JSON object per span with every field — for analysis, notebooks and pipelines." },
  {
    value: "openai",
    label: "OpenAI chat",
    description: "One {\"messages\": […]} example per generation, ready for fine-tuning; rows that cannot form one are skipped.",
  },
  { value: "csv", label: "CSV", description: "One row per span for spreadsheets and BI tools; nested values as JSON text." },
];
