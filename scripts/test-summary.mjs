#!/usr/bin/env node
/**
 * Closing line of `npm test`: counts from the Vitest JSON reports of the unit and e2e runs, so
 * the output states plainly how many tests ran. Exits non-zero if any failed or none ran.
 */
import { existsSync, readFileSync } from 'node:fs';

let passed = 0, failed = 0, skipped = 0;
for (const file of ['test-results/unit.json', 'test-results/e2e.json']) {
  if (!existsSync(file)) { console.error(`missing ${file}: did that stage run?`); process.exit(1); }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  console.log(`${file.replace(/^test-results\/|\.json$/g, '')}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
