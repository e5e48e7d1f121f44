// Next's start-up hook: runs once per server instance, in each runtime. Everything it starts needs
// Node.js (database drivers, timers, the export queue), so it lives in instrumentation-node.ts, imported
// only under the nodejs branch: Next inlines NEXT_RUNTIME per bundle, and the edge bundle drops the import
// (no Edge-runtime warnings for Node-only modules in `npm run dev`).

export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { registerNode } = await import("./instrumentation-node");
    await registerNode();
  }
}
