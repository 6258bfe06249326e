// Runs axe-core in the page and fails with the rules it finds broken.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
/** Evaluated through the debugging protocol, which the page's Content-Security-Policy does not govern. */
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  help: string;
  nodes: { target: string[]; summary?: string }[];
}

export async function expectAxeClean(page: Page, what: string): Promise<void> {
  await test.step(`axe: ${what}`, async () => {
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violation[] }> } }).axe;
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, summary: (n as unknown as { failureSummary?: string }).failureSummary ?? '' })) }));
    });
    expect(
      violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')}: ${(n.summary ?? '').replace(/\s+/g, ' ')}`).join('; ')})`),
      `axe finds nothing on ${what}`,
    ).toEqual([]);
  });
}
