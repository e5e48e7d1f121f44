// Lint = TypeScript's recommended rules + the architecture's boundaries (STYLE habit 9):
// lib/core imports nothing from Next, lib/server or the env module; client code never imports server code.
import tseslint from "typescript-eslint";

const noServerInClient = {
  patterns: [
    { group: ["@/lib/server/*", "**/lib/server/*"], message: "Client code must not import server modules." },
    { group: ["@/lib/db/*", "**/lib/db/*"], message: "Client code must not import the database." },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/**", ".next*/**", ".perf-*/**", ".data/**", "e2e/artifacts/**", "next-env.d.ts", "test-results/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-empty-object-type": "off",
    },
  },
  {
    files: ["lib/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "next-auth", "next-auth/*"], message: "lib/core is framework-free." },
            { group: ["@/*", "../server/*", "../../server/*", "../env", "../../env"], message: "lib/core imports only lib/core (relative) and libraries." },
          ],
        },
      ],
    },
  },
  { files: ["components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", noServerInClient] } },
  { files: ["cli/**/*.ts"], rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["**/lib/server/*"], message: "The CLI talks HTTP, never to server modules." }] }] } },
);
