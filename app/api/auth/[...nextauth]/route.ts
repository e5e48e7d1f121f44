import { authRouteHandler } from "@/lib/server/auth-handler";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const handler = authRouteHandler();
export { handler as GET, handler as POST };
