import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countPlaywright, countVitest } from './reports';

// Reports written by the real runners for a file with one failing test
// (paths under /checkout/ stand for the clone the run was in).
const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('the test reports', () => {
  it("vitest's: counts, and the failed test by file and name with its error's first line", () => {
    const tally = countVitest(read('vitest-report.json'));
    expect(tally).toMatchObject({ passed: 1, failed: 1, skipped: 0 });
    expect(tally.names).toEqual([
      '/checkout/runtime/zz-fail.test.ts > outer fails here: AssertionError: expected 1 to be 2 // Object.is equality',
    ]);
  });

  it("Playwright's: counts, and the failed test by file, line and titles, without colour codes", () => {
    const tally = countPlaywright(read('playwright-report.json'));
    expect(tally).toMatchObject({ passed: 0, failed: 1, skipped: 0 });
    expect(tally.names).toEqual([
      'zz-fail.spec.ts:2 > Group > fails here: Error: expect(received).toBe(expected) // Object.is equality',
    ]);
  });
});
