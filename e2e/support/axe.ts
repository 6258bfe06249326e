// Runs axe-core in the page and fails with the violations it finds, by rule
// and element, so a report says what to fix.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';

// Evaluated through the browser's devtools protocol: the app's Content-Security-Policy allows no injected <script>.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  await test.step(`axe: ${label}`, async () => {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
    });
    expect(violations, `axe violations in ${label}`).toEqual([]);
  });
}
