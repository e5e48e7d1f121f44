import type { Format } from "@/lib/core/filters";

/** The three export formats (docs/export.md), each with the one line the Export dialog shows. */
export const EXPORT_FORMATS: { value: Format; label: string; description: string }[] = [
  { value: "jsonl", label: "JSONL", description: "Every field, one JSON object per span. For analysis and pipelines." },
  { value: "openai", label: "OpenAI chat", description: "{\"messages\": […]} per generation, for fine-tuning; other rows skipped." },
  { value: "csv", label: "CSV", description: "One row per span for spreadsheets and BI; nested values as JSON." },
];

/** Formats only a bulk export job writes ("All N matching rows"): the page route serves no parquet. */
export const JOB_ONLY_FORMATS: { value: "parquet"; label: string; description: string }[] = [
  { value: "parquet", label: "Parquet", description: "Columnar, one column per JSONL field; for DuckDB, pandas and warehouses." },
];
