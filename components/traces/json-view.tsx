// Pretty-printed JSON (or text) in a scrollable block.
import { cn } from "@/components/ui/cn";

export function prettyJson(value: unknown): string {
  if (typeof value === "string") {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

export function JsonView({ value, className }: { value: unknown; className?: string }) {
  return (
    <pre className={cn("max-h-80 overflow-auto rounded-md bg-slate-900 p-2.5 font-mono text-xs leading-relaxed text-slate-100", className)}>
      {prettyJson(value)}
    </pre>
  );
}
