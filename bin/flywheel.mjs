#!/usr/bin/env node
// The `flywheel` executable: runs the TypeScript CLI (cli/index.ts) through tsx, so `npx flywheel …`
// works inside the project after `npm install` with no build step. Both hooks are needed: the CLI's
// modules are CommonJS-format TypeScript (package.json has no "type"), imported from this ES module.
import { register as registerEsm } from "tsx/esm/api";
import { register as registerCjs } from "tsx/cjs/api";

registerEsm();
registerCjs();
await import("../cli/index.ts");
