// Prints the closing lines CI reads ("N passed, N failed, N skipped") from Vitest's and Playwright's JSON reports;
// a report that is missing (its runner crashed before writing it) counts as a failure.
import { existsSync, readFileSync } from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
const read = (file) => (file && existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);

const vitest = read(vitestFile);
const unit = vitest
  ? {
      passed: vitest.numPassedTests,
      failed: vitest.numFailedTests,
      skipped: vitest.numPendingTests + vitest.numTodoTests,
    }
  : { passed: 0, failed: 1, skipped: 0 };
console.log(`vitest: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`);

let e2e = { passed: 0, failed: 0, skipped: 0 };
if (playwrightFile) {
  const playwright = read(playwrightFile);
  e2e = playwright
    ? {
        passed: playwright.stats.expected + playwright.stats.flaky,
        failed: playwright.stats.unexpected,
        skipped: playwright.stats.skipped,
      }
    : { passed: 0, failed: 1, skipped: 0 };
  console.log(`playwright: ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped`);
}
const total = (key) => unit[key] + e2e[key];
console.log(`tests: ${total("passed")} passed, ${total("failed")} failed, ${total("skipped")} skipped`);
