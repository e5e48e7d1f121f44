"use client";
// The Traces page: toolbar, filter bar, count and paging, the table, the detail panel and the Export
// dialog. URL = state (useTraceUrlState), query cache = server data (useTracesPage); nothing else.
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState, Notice } from "@/components/ui/feedback";
import { AppPicker, type AppOption } from "@/components/apps/app-picker";
import { describeError } from "@/lib/client/api-error";
import { activeFilters } from "@/lib/client/trace-url-state";
import { useTraceUrlState } from "@/lib/client/use-trace-url-state";
import { PAGE_SIZE, useTracesPage } from "@/lib/client/use-traces";
import { ExportDialog } from "./export-dialog";
import { FilterBar } from "./filter-bar";
import { PaginationBar } from "./pagination-bar";
import { TraceDetailPanel } from "./trace-detail-panel";
import { TracesTable } from "./traces-table";

export function TracesView({ appId: defaultAppId, apps }: { appId: string; apps: AppOption[] }) {
  const url = useTraceUrlState(defaultAppId);
  const valid = url.problems.length === 0;
  const page = useTracesPage(url.query, url.cursor, valid);
  const [exportOpen, setExportOpen] = useState(false);

  const rows = page.data?.rows ?? [];
  // While another page or filter loads, the old rows stay visible but their count is not this query's.
  const total = page.isPlaceholderData ? undefined : page.data?.total;
  const filtered = activeFilters(url.filters).length > 0;
  const models = [...new Set(rows.map((r) => r.model).filter((m): m is string => Boolean(m)))].sort();

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-lg font-semibold">Traces</h1>
        <AppPicker apps={apps} appId={url.appId} onSwitch={url.switchApp} />
        <div className="ml-auto flex items-center gap-2">
          <Button variant="primary" onClick={() => setExportOpen(true)} disabled={!valid} data-testid="open-export">
            <svg viewBox="0 0 20 20" className="size-4" aria-hidden="true">
              <path d="M10 3v10m0 0l-4-4m4 4l4-4M4 15v2h12v-2" stroke="currentColor" strokeWidth="1.7" fill="none" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            Export
          </Button>
        </div>
      </div>

      {!valid ? (
        <Notice
          tone="error"
          title="This link's filters are not valid"
          data-testid="url-error"
          action={
            <Button size="sm" onClick={url.resetFilters}>
              Clear filters
            </Button>
          }
        >
          <ul className="list-disc pl-5">
            {url.problems.map((p, i) => (
              <li key={i}>
                <code className="font-semibold">{p.name}</code> {p.reason}
              </li>
            ))}
          </ul>
        </Notice>
      ) : null}

      <FilterBar filters={url.filters} modelSuggestions={models} onApply={url.setFilters} />

      {valid ? (
        <>
          <PaginationBar
            total={total}
            page={url.page}
            pageSize={PAGE_SIZE}
            rowsOnPage={page.isPlaceholderData ? 0 : rows.length}
            hasNext={Boolean(page.data?.next_cursor) && !page.isPlaceholderData}
            busy={page.isFetching}
            onPrevious={url.previousPage}
            onNext={() => page.data?.next_cursor && url.nextPage(page.data.next_cursor)}
            onFirst={url.firstPage}
          />
          {page.isError ? (
            <Notice tone="error" title="Could not load spans" data-testid="table-error" action={<Button size="sm" onClick={() => page.refetch()}>Retry</Button>}>
              {describeError(page.error)}
            </Notice>
          ) : (
            <TracesTable
              rows={rows}
              loading={page.isPending}
              stale={page.isPlaceholderData}
              selected={{ trace: url.trace, span: url.span }}
              onOpen={(r) => url.openSpan(r.trace_id, r.span_id)}
              empty={
                <EmptyState
                  title={filtered ? "No spans match these filters" : "No spans in the last 30 days"}
                  icon={
                    <svg viewBox="0 0 24 24" className="size-8" aria-hidden="true">
                      <path d="M4 6h16M4 12h10M4 18h6" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
                    </svg>
                  }
                >
                  {filtered ? (
                    <Button size="sm" onClick={url.resetFilters}>
                      Clear filters
                    </Button>
                  ) : url.page > 1 ? (
                    <Button size="sm" onClick={url.firstPage}>
                      Back to the first page
                    </Button>
                  ) : (
                    "Point an OpenTelemetry exporter at /v1/traces with an API key and spans will appear here."
                  )}
                </EmptyState>
              }
            />
          )}
        </>
      ) : null}

      {url.trace ? (
        <TraceDetailPanel
          appId={url.appId}
          traceId={url.trace}
          spanId={url.span}
          onSelectSpan={(spanId) => url.openSpan(url.trace!, spanId)}
          onClose={url.closeSpan}
        />
      ) : null}

      <ExportDialog open={exportOpen} onClose={() => setExportOpen(false)} appId={url.appId} query={url.query} filters={url.filters} total={total} />
    </div>
  );
}
