// The detail panel's summary grid, scores table and metadata list for one span.
import { Chip } from "@/components/ui/chip";
import type { SpanDetail } from "@/lib/client/types";
import { formatCost, formatFullTime, formatInt, formatLatency, formatScore, formatTime } from "./format";
import { StatusBadge } from "./status-badge";

export function SpanSummary({ span: s }: { span: SpanDetail }) {
  const facts: [string, React.ReactNode][] = [
    ["Started", <span key="t" title={formatFullTime(s.timestamp)}>{formatTime(s.timestamp)}</span>],
    ["Latency", formatLatency(s.latency_ms)],
    ["Status", <StatusBadge key="s" status={s.status} />],
    ["Model", s.model ? <span className="font-mono text-xs">{s.model}</span> : "—"],
    ["Tokens", s.input_tokens === null && s.output_tokens === null ? "—" : `${formatInt(s.input_tokens)} in · ${formatInt(s.output_tokens)} out`],
    ["Cost", formatCost(s.cost)],
    ["User", s.user_id ?? "—"],
    ["Session", s.session_id ?? "—"],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
      {facts.map(([k, v]) => (
        <div key={k} className="min-w-0">
          <dt className="text-[11px] font-medium tracking-wide text-slate-500 uppercase">{k}</dt>
          <dd className="truncate text-slate-800">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ScoresTable({ span }: { span: SpanDetail }) {
  if (!span.scores.length) return <p className="text-sm text-slate-400 italic">No scores on this span or its trace.</p>;
  return (
    <table className="w-full text-sm" data-testid="detail-scores">
      <thead>
        <tr className="text-left text-[11px] tracking-wide text-slate-500 uppercase">
          <th className="py-1 pr-3 font-medium">Name</th>
          <th className="py-1 pr-3 text-right font-medium">Value</th>
          <th className="py-1 pr-3 font-medium">Label</th>
          <th className="py-1 pr-3 font-medium">Source</th>
          <th className="py-1 pr-3 font-medium">On</th>
          <th className="py-1 font-medium">Comment</th>
        </tr>
      </thead>
      <tbody>
        {span.scores.map((sc) => (
          <tr key={sc.name} className="border-t border-slate-100 align-top">
            <td className="py-1 pr-3 font-medium">{sc.name}</td>
            <td className="py-1 pr-3 text-right tabular-nums" title={String(sc.value)}>
              {formatScore(sc.value)}
            </td>
            <td className="py-1 pr-3">{sc.label ?? "—"}</td>
            <td className="py-1 pr-3">
              <Chip>{sc.source}</Chip>
            </td>
            <td className="py-1 pr-3 text-xs text-slate-500">{sc.span_id ? "span" : "trace"}</td>
            <td className="py-1 text-xs text-slate-600">{sc.comment ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MetadataList({ span }: { span: SpanDetail }) {
  const entries = Object.entries(span.metadata ?? {});
  return (
    <div className="flex flex-col gap-2">
      {span.tags.length ? (
        <div className="flex flex-wrap items-center gap-1">
          <span className="mr-1 text-[11px] font-medium tracking-wide text-slate-500 uppercase">Tags</span>
          {span.tags.map((t) => (
            <Chip key={t}>{t}</Chip>
          ))}
        </div>
      ) : null}
      {entries.length ? (
        <dl className="grid grid-cols-[minmax(6rem,max-content)_1fr] gap-x-4 gap-y-1 text-sm" data-testid="detail-metadata">
          {entries.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-mono text-xs text-slate-500">{k}</dt>
              <dd className="font-mono text-xs break-all text-slate-800">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-slate-400 italic">No metadata.</p>
      )}
    </div>
  );
}
