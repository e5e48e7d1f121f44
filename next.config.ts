import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "./lib/server/security-headers";

const nextConfig: NextConfig = {
  // Database drivers load WASM and native-ish assets from their own package folders at run time;
  // bundling them breaks those paths, so Node resolves them from node_modules instead.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    // Bulk exports: the job queue, DuckDB's native binary (parquet) and the S3 client.
    "pg-boss",
    "@duckdb/node-api",
    "@duckdb/node-bindings",
    "@aws-sdk/client-s3",
    "@aws-sdk/lib-storage",
  ],
  poweredByHeader: false,
  // Lets two servers (say, a dev server and a test run) build side by side without sharing files.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // Security headers (docs/security.md "Headers"): these on every response; the pages' CSP, which
  // needs a nonce per request, comes from proxy.ts.
  async headers() {
    const apiCsp = [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }];
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      // next-auth's own pages under /api/auth (sign-out confirmation, errors) are documents: left out.
      { source: "/api/:rest((?!auth/).*)", headers: apiCsp },
      { source: "/v1/:path*", headers: apiCsp },
    ];
  },
};

export default nextConfig;
