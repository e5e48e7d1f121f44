"use client";
// The Traces table: @tanstack/react-table over one page from the query cache. Paging is the server's
// (keyset cursors), so the table itself only renders; its loading, empty and error states are designed.
import { flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import { EmptyState, Spinner } from "@/components/ui/feedback";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import type { TraceRow } from "@/lib/client/types";
import { traceColumns } from "./trace-columns";

export function TracesTable({
  rows,
  loading,
  stale,
  selected,
  onOpen,
  empty,
}: {
  rows: TraceRow[];
  loading: boolean;
  /** The previous page is shown while the next one loads. */
  stale: boolean;
  selected?: { trace?: string; span?: string };
  onOpen: (row: TraceRow) => void;
  empty: React.ReactNode;
}) {
  const table = useReactTable({
    data: rows,
    columns: traceColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => `${r.trace_id}:${r.span_id}`,
    manualPagination: true,
  });

  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" aria-busy={loading || stale}>
      <Table data-testid="traces-table" aria-label="Spans">
        <THead>
          {table.getHeaderGroups().map((g) => (
            <Tr key={g.id}>
              {g.headers.map((h) => (
                <Th key={h.id} className={cn(h.column.columnDef.meta?.align === "right" && "text-right")}>
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </Th>
              ))}
            </Tr>
          ))}
        </THead>
        <TBody className={cn(stale && "opacity-60 transition-opacity")}>
          {table.getRowModel().rows.map((row) => {
            const r = row.original;
            const isSelected = selected?.trace === r.trace_id && selected?.span === r.span_id;
            return (
              <Tr
                key={row.id}
                data-testid="trace-row"
                data-span-id={r.span_id}
                aria-selected={isSelected}
                tabIndex={0}
                onClick={() => onOpen(r)}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    onOpen(r);
                  }
                }}
                className={cn(
                  "cursor-pointer focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-500",
                  isSelected ? "bg-indigo-50" : "hover:bg-slate-50",
                )}
              >
                {row.getVisibleCells().map((cell) => (
                  <Td key={cell.id} data-col={cell.column.id} className={cn(cell.column.columnDef.meta?.align === "right" && "text-right")}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </Td>
                ))}
              </Tr>
            );
          })}
        </TBody>
      </Table>
      {loading ? (
        <EmptyState icon={<Spinner className="size-6" label="Loading spans" />} title="Loading spans…" />
      ) : rows.length === 0 ? (
        empty
      ) : null}
    </div>
  );
}
