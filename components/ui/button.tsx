import type { ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

const variants = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500 disabled:bg-indigo-300 border border-indigo-600 disabled:border-indigo-300",
  secondary: "bg-white text-slate-700 hover:bg-slate-50 border border-slate-300 disabled:text-slate-400",
  ghost: "bg-transparent text-slate-600 hover:bg-slate-100 border border-transparent disabled:text-slate-300",
} as const;

const sizes = {
  xs: "h-6 px-2 text-xs gap-1",
  sm: "h-7 px-2.5 text-xs gap-1.5",
  md: "h-8 px-3 text-sm gap-2",
} as const;

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof variants;
  size?: keyof typeof sizes;
  pressed?: boolean;
}

export function Button({ variant = "secondary", size = "md", pressed, className, type = "button", ...props }: ButtonProps) {
  return (
    <button
      type={type}
      aria-pressed={pressed}
      className={cn(
        "inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors",
        "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 disabled:cursor-not-allowed",
        // A pressed toggle replaces the variant's colours (both sets would fight in the cascade).
        pressed ? "border border-indigo-500 bg-indigo-50 text-indigo-700 ring-1 ring-indigo-500 ring-inset" : variants[variant],
        sizes[size],
        className,
      )}
      {...props}
    />
  );
}
