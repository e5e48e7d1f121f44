// Lint = TypeScript's recommended rules. The architecture's import boundaries (docs/architecture.md)
// are not here: dependency-cruiser checks them from one rule file, .dependency-cruiser.cjs, on resolved paths at
// any depth (`npm run lint` runs ESLint, then `npm run lint:deps`).
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", ".next*/**", ".perf-*/**", ".data/**", "e2e/artifacts/**", "next-env.d.ts", "test-results/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-empty-object-type": "off",
    },
  },
);
