// The spans of one trace as an indented tree (parent → children, in the order they ran); click to switch.
import { cn } from "@/components/ui/cn";
import type { SpanDetail } from "@/lib/client/types";
import { STATUS_DOT, formatLatency } from "./format";

const TYPE_LETTER: Record<string, { letter: string; cls: string }> = {
  GENERATION: { letter: "G", cls: "bg-violet-100 text-violet-700" },
  SPAN: { letter: "S", cls: "bg-slate-200 text-slate-700" },
  EVENT: { letter: "E", cls: "bg-sky-100 text-sky-700" },
};

/** Depth-first order; spans whose parent is not in the trace are roots. Input is oldest first. */
export function orderSpans(spans: SpanDetail[]): { span: SpanDetail; depth: number }[] {
  const ids = new Set(spans.map((s) => s.span_id));
  const children = new Map<string | null, SpanDetail[]>();
  for (const s of spans) {
    const parent = s.parent_span_id && ids.has(s.parent_span_id) ? s.parent_span_id : null;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const out: { span: SpanDetail; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const s of children.get(parent) ?? []) {
      if (seen.has(s.span_id)) continue; // a cycle in bad data must not hang the page
      seen.add(s.span_id);
      out.push({ span: s, depth });
      walk(s.span_id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function SpanTree({ spans, selected, onSelect }: { spans: SpanDetail[]; selected: string; onSelect: (spanId: string) => void }) {
  return (
    <ul className="flex max-h-56 flex-col overflow-y-auto py-1" aria-label="Spans of this trace" data-testid="span-tree">
      {orderSpans(spans).map(({ span: s, depth }) => {
        const t = TYPE_LETTER[s.type] ?? TYPE_LETTER.SPAN;
        const active = s.span_id === selected;
        return (
          <li key={s.span_id}>
            <button
              type="button"
              onClick={() => onSelect(s.span_id)}
              aria-current={active ? "true" : undefined}
              data-testid="trace-span"
              className={cn(
                "flex w-full items-center gap-2 rounded px-2 py-1 text-left text-xs",
                active ? "bg-indigo-50 text-indigo-900 ring-1 ring-indigo-200 ring-inset" : "text-slate-700 hover:bg-slate-50",
              )}
              style={{ paddingLeft: `${0.5 + depth * 1}rem` }}
            >
              <span className={cn("grid size-4 shrink-0 place-items-center rounded text-[10px] font-bold", t.cls)} title={s.type}>
                {t.letter}
              </span>
              <span className="truncate font-medium">{s.span_name}</span>
              {s.model ? <span className="truncate font-mono text-[11px] text-slate-500">{s.model}</span> : null}
              <span className="ml-auto flex shrink-0 items-center gap-2 tabular-nums text-slate-500">
                {formatLatency(s.latency_ms)}
                <span className={cn("size-1.5 rounded-full", STATUS_DOT[s.status])} aria-label={s.status} />
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
