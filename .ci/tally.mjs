// Prints the closing lines of a CI run, summed over vitest's JSON reports (one per suite), so that
// a reader of CI's output that knows no vitest sees how many tests ran: the summary in the form
// node's own test runner closes with (ℹ tests / pass / fail …), then one plain line,
// "tests: N passed, N failed, N skipped". Exit 1 when a test failed or none ran.
import { readFileSync } from 'node:fs';

let passed = 0, failed = 0, skipped = 0, todo = 0, files = 0, ms = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests;
  todo += report.numTodoTests ?? 0;
  files += report.numTotalTestSuites ?? report.testResults?.length ?? 0;
  for (const r of report.testResults ?? []) ms += Math.max(0, (r.endTime ?? 0) - (r.startTime ?? 0));
}
const total = passed + failed + skipped + todo;
console.log(`ℹ tests ${total}`);
console.log(`ℹ suites ${files}`);
console.log(`ℹ pass ${passed}`);
console.log(`ℹ fail ${failed}`);
console.log('ℹ cancelled 0');
console.log(`ℹ skipped ${skipped}`);
console.log(`ℹ todo ${todo}`);
console.log(`ℹ duration_ms ${Math.round(ms)}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped + todo} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
