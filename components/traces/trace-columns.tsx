// The Traces table's columns: time, name, type, model, status, latency, tokens, cost,
// scores, user, tags. Cells are pure renderers of a TraceRow.
import { createColumnHelper } from "@tanstack/react-table";
import { Chip } from "@/components/ui/chip";
import type { TraceRow } from "@/lib/client/types";
import { TYPE_TONE, formatCost, formatFullTime, formatInt, formatLatency, formatScore, formatTime } from "./format";
import { StatusBadge } from "./status-badge";

const col = createColumnHelper<TraceRow>();

export const traceColumns = [
  col.accessor("timestamp", {
    header: "Time",
    cell: (c) => (
      <time dateTime={c.getValue()} title={formatFullTime(c.getValue())} className="whitespace-nowrap text-slate-600 tabular-nums">
        {formatTime(c.getValue())}
      </time>
    ),
  }),
  col.accessor("span_name", {
    header: "Name",
    cell: (c) => (
      <span className="block max-w-[16rem] truncate font-medium text-slate-900" title={c.getValue()}>
        {c.getValue()}
      </span>
    ),
  }),
  col.accessor("type", {
    header: "Type",
    cell: (c) => <Chip tone={TYPE_TONE[c.getValue()] ?? "slate"}>{c.getValue()}</Chip>,
  }),
  col.accessor("model", {
    header: "Model",
    cell: (c) => <span className="font-mono text-xs whitespace-nowrap text-slate-700">{c.getValue() ?? <span className="text-slate-300">—</span>}</span>,
  }),
  col.accessor("status", {
    header: "Status",
    cell: (c) => <StatusBadge status={c.getValue()} className="whitespace-nowrap text-xs text-slate-700" />,
  }),
  col.accessor("latency_ms", {
    header: "Latency",
    meta: { align: "right" },
    cell: (c) => <span className="whitespace-nowrap tabular-nums">{formatLatency(c.getValue())}</span>,
  }),
  col.display({
    id: "tokens",
    header: "Tokens",
    meta: { align: "right" },
    cell: ({ row: { original: r } }) =>
      r.input_tokens === null && r.output_tokens === null ? (
        <span className="text-slate-300">—</span>
      ) : (
        <span className="whitespace-nowrap tabular-nums" title="input → output tokens">
          {formatInt(r.input_tokens)} <span className="text-slate-400">→</span> {formatInt(r.output_tokens)}
        </span>
      ),
  }),
  col.accessor("cost", {
    header: "Cost",
    meta: { align: "right" },
    cell: (c) => <span className="whitespace-nowrap tabular-nums">{formatCost(c.getValue())}</span>,
  }),
  col.accessor("scores", {
    header: "Scores",
    cell: (c) => {
      const entries = Object.entries(c.getValue() ?? {}).sort(([a], [b]) => a.localeCompare(b));
      if (!entries.length) return <span className="text-slate-300">—</span>;
      return (
        <div className="flex max-w-[18rem] flex-wrap gap-1">
          {entries.map(([name, v]) => (
            <Chip key={name} tone={v >= 0.7 ? "green" : v >= 0.4 ? "amber" : "red"} data-testid="score-chip" title={`${name} = ${v}`}>
              {name} <span className="tabular-nums">{formatScore(v)}</span>
            </Chip>
          ))}
        </div>
      );
    },
  }),
  col.accessor("user_id", {
    header: "User",
    cell: (c) => <span className="block max-w-[9rem] truncate text-xs text-slate-600" title={c.getValue() ?? undefined}>{c.getValue() ?? <span className="text-slate-300">—</span>}</span>,
  }),
  col.accessor("tags", {
    header: "Tags",
    cell: (c) => (
      <div className="flex max-w-[12rem] flex-wrap gap-1">
        {(c.getValue() ?? []).map((t) => (
          <Chip key={t}>{t}</Chip>
        ))}
      </div>
    ),
  }),
];

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData, TValue> {
    align?: "right";
  }
}
