// Runs axe-core in the page and fails with its violations, named and located.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
// Evaluated rather than added as a <script>: the app's Content-Security-Policy allows no inline script.
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** No WCAG 2 A/AA violation in `selector` (the whole page when omitted). */
export async function expectNoAxeViolations(page: Page, label: string, selector?: string): Promise<void> {
  await test.step(`axe: ${label}`, async () => {
    expect(await axeViolations(page, selector), `axe violations on ${label}`).toEqual([]);
  });
}

/** The WCAG 2 A/AA violations axe finds in `selector` (the whole page when omitted), named and located. */
export async function axeViolations(
  page: Page,
  selector?: string,
): Promise<Array<{ id: string; help: string; nodes: string[] }>> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  // Colours are measured as drawn: a dialog still fading in would read as low contrast.
  // (Spinners run forever: only animations that end are waited for.)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime ?? Infinity)))
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  return page.evaluate(async (context) => {
    const axe = (
      window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(context ?? document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  }, selector);
}
