// What `npm test` reads from the test runners' JSON reports: the counts, and
// the failed tests by name with the first line of their errors, so that the
// closing summary says which test failed even when only its tail is read.

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  /** The failed tests by name, each with the first line of its error, for the closing summary. */
  names?: string[];
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests?: number;
  numFailedTestSuites?: number;
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: {
    title: string;
    file: string;
    line: number;
    tests: { status: string; results: { error?: { message?: string } }[] }[];
  }[];
  suites?: PlaywrightSuite[];
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  errors?: { message?: string }[];
  suites?: PlaywrightSuite[];
}

/** The first line of an error that says something, without colour codes, cut to one screen line. */
/** A report's absolute path as a path in the checkout. */
function relative(path: string): string {
  const root = `${process.cwd()}/`;
  return path.startsWith(root) ? path.slice(root.length) : path;
}

function firstLine(message: string | undefined): string {
  const plain = (message ?? '').replace(/\x1b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.trim().slice(0, 200);
}

export function vitestFailures(r: VitestReport): string[] {
  const names: string[] = [];
  for (const file of r.testResults ?? []) {
    const path = relative(file.name);
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failed) names.push(`${path} > ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    if (failed.length === 0 && file.status === 'failed') names.push(`${path}: ${firstLine(file.message)}`);
  }
  return names;
}

export function playwrightFailures(r: PlaywrightReport): string[] {
  const names: string[] = [];
  const walk = (suite: PlaywrightSuite, titles: string[]) => {
    const here = suite.file === suite.title ? titles : [...titles, suite.title];
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests)
        if (test.status === 'unexpected') {
          const error = test.results.map((res) => res.error?.message).find((m) => m !== undefined);
          names.push(`${spec.file}:${spec.line} > ${[...here, spec.title].join(' > ')}: ${firstLine(error)}`);
        }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const suite of r.suites ?? []) walk(suite, []);
  for (const error of r.errors ?? []) names.push(`outside any test: ${firstLine(error.message)}`);
  return names;
}

export function countVitest(json: unknown): Tally {
  const r = json as VitestReport;
  return {
    passed: r.numPassedTests,
    // A file that fails to load has no failed test but must count.
    failed: r.numFailedTests + (r.numFailedTests === 0 ? (r.numFailedTestSuites ?? 0) : 0),
    skipped: r.numPendingTests + (r.numTodoTests ?? 0),
    names: vitestFailures(r),
  };
}

export function countPlaywright(json: unknown): Tally {
  const r = json as PlaywrightReport;
  return {
    passed: r.stats.expected + r.stats.flaky,
    failed: r.stats.unexpected + (r.errors?.length ?? 0),
    skipped: r.stats.skipped,
    names: playwrightFailures(r),
  };
}
