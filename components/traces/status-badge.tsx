// A span status as a coloured dot and its label; an unknown status shows as itself with a grey dot.
import { STATUS_DOT, STATUS_LABEL } from "./format";

export function StatusBadge({ status, className = "" }: { status: string; className?: string }) {
  return (
    <span className={`inline-flex items-center gap-1.5 ${className}`}>
      <span className={`size-2 rounded-full ${STATUS_DOT[status] ?? "bg-slate-300"}`} aria-hidden="true" />
      {STATUS_LABEL[status] ?? status}
    </span>
  );
}
