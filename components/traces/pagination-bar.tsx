"use client";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/feedback";
import { formatInt } from "./format";

/** Count of matching rows and keyset paging: Next follows next_cursor, Previous pops the URL's stack. */
export function PaginationBar({
  total,
  page,
  pageSize,
  rowsOnPage,
  hasNext,
  busy,
  onPrevious,
  onNext,
  onFirst,
}: {
  total: number | undefined;
  page: number;
  pageSize: number;
  rowsOnPage: number;
  hasNext: boolean;
  busy: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onFirst: () => void;
}) {
  const first = (page - 1) * pageSize + 1;
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3 text-sm text-slate-600">
      <p data-testid="matching-count">
        {total === undefined ? (
          "Counting…"
        ) : (
          <>
            <span className="font-semibold text-slate-900" data-testid="total">
              {formatInt(total)}
            </span>{" "}
            matching {total === 1 ? "span" : "spans"}
            {rowsOnPage > 0 ? (
              <span className="text-slate-500">
                {" "}
                · showing {formatInt(first)}–{formatInt(first + rowsOnPage - 1)}
              </span>
            ) : null}
          </>
        )}
      </p>
      <div className="flex items-center gap-2">
        {busy ? <Spinner label="Loading page" /> : null}
        <span className="text-xs text-slate-500" data-testid="page-number">
          Page {page}
        </span>
        {page > 2 ? (
          <Button size="sm" variant="ghost" onClick={onFirst}>
            First
          </Button>
        ) : null}
        <Button size="sm" onClick={onPrevious} disabled={page <= 1}>
          ← Previous
        </Button>
        <Button size="sm" onClick={onNext} disabled={!hasNext || busy}>
          Next →
        </Button>
      </div>
    </nav>
  );
}
