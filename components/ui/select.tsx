import type { SelectHTMLAttributes } from "react";
import { cn } from "./cn";

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, "children"> {
  options: readonly SelectOption[];
}

/** A native select: keyboard, screen readers and Playwright's selectOption all work unchanged. */
export function Select({ options, className, ...props }: SelectProps) {
  return (
    <select
      className={cn(
        "h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900",
        "focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/20",
        className,
      )}
      {...props}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
