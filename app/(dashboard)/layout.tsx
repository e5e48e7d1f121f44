import Link from "next/link";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { signedInUser } from "@/lib/server/auth-options";
import { SignOutButton } from "@/components/nav/sign-out-button";

export const dynamic = "force-dynamic";

/**
 * Every dashboard page requires a live session; without one — none, an ended one (signed out, signed
 * out everywhere, password changed), or its user gone — the user is sent to the login page.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await signedInUser();
  if (!user) redirect("/login");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <nav className="mx-auto flex h-12 max-w-[1600px] items-center gap-6 px-4 text-sm" aria-label="Main">
          <Link href="/traces" className="font-semibold text-indigo-700">Flywheel</Link>
          <Link href="/traces" className="text-slate-700 hover:text-slate-900">Traces</Link>
          <Link href="/exports" className="text-slate-700 hover:text-slate-900">Exports</Link>
          <Link href="/keys" className="text-slate-700 hover:text-slate-900">API keys</Link>
          <span className="ml-auto text-slate-500" data-testid="current-user">{user.email}</span>
          <SignOutButton />
        </nav>
      </header>
      <div className="mx-auto w-full max-w-[1600px] flex-1 p-4">{children}</div>
    </div>
  );
}
