import { defineConfig } from '@playwright/test';

// Browser mode against the real engine the test run started (scripts/test.ts
// passes its endpoint in WHARF_TEST_DOCKER). Debian's Chromium: Playwright's
// own browser download cannot be used here.
export default defineConfig({
  testDir: 'e2e',
  // The engine-VM flow runs in `npm test`'s vm step, against the VM's forwarded socket.
  testIgnore: process.env.WHARF_TEST_VM ? [] : ['vm.spec.ts'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // scripts/test.ts names the JSON report with PLAYWRIGHT_JSON_OUTPUT_NAME; a
  // plain `npx playwright test` writes it under playwright-report/ instead of stdout.
  reporter: [['list'], ['json', { outputDir: 'playwright-report', fileName: 'results.json' }]],
  // The whole run should stay near five minutes; this stops a hung one.
  globalTimeout: 30 * 60_000,
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.WHARF_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    },
    viewport: { width: 1360, height: 860 },
    // Tests read English names unless they switch the language themselves.
    locale: 'en-US',
    colorScheme: 'light',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
