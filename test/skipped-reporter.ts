// Names every skipped test at the end of a run. The default reporter only counts skips in a passing
// file, so a test that did not run (one that needs PostgreSQL, in a run on PGlite) would go unseen.
import type { Reporter, TestModule } from "vitest/node";

export default class SkippedReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped = testModules.flatMap((m) => [...m.children.allTests("skipped")].map((t) => `  ${m.relativeModuleId} > ${t.fullName}`));
    if (skipped.length) console.log(`\nSkipped tests (${skipped.length}):\n${skipped.join("\n")}`);
  }
}
