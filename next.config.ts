import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Database drivers load WASM and native-ish assets from their own package folders at run time;
  // bundling them breaks those paths, so Node resolves them from node_modules instead.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
  ],
  poweredByHeader: false,
  // Lets two servers (say, a dev server and a test run) build side by side without sharing files.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};

export default nextConfig;
