// The architecture's import boundaries (docs/architecture.md explains them), checked by
// `npm run lint:deps` (part of `npm run lint`). Every rule applies at any depth: paths are matched after resolution (relative
// imports and the `@/` alias alike), and type-only imports count too.
// Layout: lib/core is the framework-free domain; lib/server and lib/db are server-only adapters;
// components/ and lib/client/ run in the browser; cli/ is a separate program; app/ wires it all.

// Modules that hold secrets, the database or server-only code.
const SERVER_SIDE = "^lib/(?:server|db|demo)/|^lib/env\\.ts$";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-no-framework",
      comment:
        "lib/core is framework-free: the CLI, scripts and unit tests load it without Next or React. " +
        "Put Next/React/next-auth code in lib/server, lib/client or components instead.",
      severity: "error",
      from: { path: "^lib/core/" },
      to: { path: "^node_modules/(?:@types/)?(?:next|next-auth|react|react-dom|server-only)/" },
    },
    {
      name: "core-only-core",
      comment:
        "lib/core imports only lib/core and npm libraries, never the database client, the env module, " +
        "server or client code. The database reaches core through core's own port types, configuration " +
        "through parameters.",
      severity: "error",
      from: { path: "^lib/core/" },
      // Anything resolved outside lib/core that is neither an npm package nor a Node built-in
      // (unresolvable imports have their own rule below).
      to: { pathNot: ["^lib/core/", "^node_modules/"], dependencyTypesNot: ["core"], couldNotResolve: false },
    },
    {
      name: "client-not-server",
      comment:
        "components/ and lib/client/ end up in the browser bundle: they must not import server modules, " +
        "the database, the env module (secrets) or the demo-data seeder. Fetch through the HTTP API instead.",
      severity: "error",
      from: { path: "^(?:components|lib/client)/" },
      to: { path: SERVER_SIDE },
    },
    {
      name: "client-no-next-auth-server",
      comment:
        "Browser code uses next-auth only through next-auth/react (signIn, signOut, SessionProvider); " +
        "the rest of next-auth (providers, jwt, getServerSession) is server code.",
      severity: "error",
      from: { path: "^(?:components|lib/client)/" },
      to: {
        path: "^node_modules/(?:@types/)?next-auth/",
        pathNot: "^node_modules/next-auth/react/",
      },
    },
    {
      name: "cli-not-app",
      comment:
        "The CLI is a separate program that talks to the server over HTTP (or to the database for admin " +
        "commands): it must not import routes, server adapters or browser code.",
      severity: "error",
      from: { path: "^cli/" },
      to: { path: "^(?:app|lib/server|components|lib/client)/" },
    },
    {
      name: "jobs-not-server",
      comment:
        "Background workers (lib/jobs) run in the server and in `npm run worker` processes alike, so they " +
        "must not import Next-only adapters, routes or browser code.",
      severity: "error",
      from: { path: "^lib/jobs/" },
      to: { path: "^(?:app|lib/server|components|lib/client)/" },
    },
    {
      name: "no-circular",
      comment: "Import cycles make load order matter and modules impossible to understand one at a time.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment:
        "This import resolves to no file: a typo, a moved module or a package missing from package.json.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "^node_modules/" },
    exclude: { path: "^e2e/artifacts/" },
    // Type-only imports are dependencies too: lib/core must not even import lib/db's types.
    tsPreCompilationDeps: true,
    // Resolves the `@/` alias (compilerOptions.paths).
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
