// The export engine (docs/export.md): filters → SQL, keyset pages, the three formats, the streamed body.
export type { ExportRow, ExportOptions, ListPageResult, ExportSummary, SkipReason } from "./types";
export { SKIP_REASONS } from "./types";
export { listPage } from "./list-page";
export { prepareExport, type PreparedExport, type ExportOutcome, type StartExportOptions } from "./pipeline";
export { generatorStream } from "./stream";
export { validateOpenAiExample, type Validation } from "./openai-validate";
export { toOpenAiExample } from "./openai-format";
export { CSV_COLUMNS, csvColumns } from "./csv-format";
