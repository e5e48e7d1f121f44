// The export engine (SPEC §3): filters → SQL, keyset pages, the three formats, the streamed body.
export type { ExportRow, ExportOptions, ListPageResult, ExportSummary, SkipReason } from "./types";
export { SKIP_REASONS } from "./types";
export { listPage } from "./list-page";
