// Full-page screenshots for a person to look at, in e2e/screenshots/ (not compared).
import { join } from 'node:path';
import { test, type Page } from '@playwright/test';

export async function screenshot(page: Page, name: string): Promise<void> {
  await test.step(`screenshot ${name}`, async () => {
    const path = join(test.info().project.testDir, 'screenshots', `${name}.png`);
    await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  });
}
