// Zod in the browser runs without its JIT: zod 4 probes for it with `new Function("")`, which the
// dashboard's Content-Security-Policy forbids (no 'unsafe-eval': docs/security.md "Headers"), and every
// probe would be reported as a violation. The dashboard parses little; the JIT bought it nothing.
import { z } from "zod";

z.config({ jitless: true });
