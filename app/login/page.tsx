import { redirect } from "next/navigation";
import { sameOriginPath } from "@/lib/core/safe-redirect";
import { env } from "@/lib/env";
import { sessionUserId } from "@/lib/server/auth-options";
import { LoginForm } from "@/components/auth/login-form";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only paths of our own origin, so the login page cannot be used to bounce users elsewhere. Without
  // NEXTAUTH_URL, absolute URLs are refused too (a path is still followed).
  const target = sameOriginPath(typeof callbackUrl === "string" ? callbackUrl : undefined, env().NEXTAUTH_URL ?? "http://flywheel.invalid");
  if (await sessionUserId()) redirect(target);
  const demo = process.env.NODE_ENV !== "production";
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-xl font-semibold">Sign in to Flywheel</h1>
        <p className="mt-1 text-sm text-slate-500">LLM traces in, fine-tuning data out.</p>
        <LoginForm callbackUrl={target} />
        {demo && (
          <p className="mt-6 rounded-md bg-slate-50 p-3 text-xs text-slate-600">
            Demo: <code>demo@flywheel.local</code> / <code>flywheel-demo</code>
          </p>
        )}
      </div>
    </main>
  );
}
