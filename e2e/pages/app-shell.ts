// What every page of Wharf has: the Main navigation, the engine status and
// the command bar. Page objects for each page extend it.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { openWharf, type WharfServer } from '../support/wharf-server';

export type Route = 'containers' | 'images' | 'volumes' | 'settings';

export const NAV_LABELS: Record<'en' | 'ko', Record<Route, string>> = {
  en: { containers: 'Containers', images: 'Images', volumes: 'Volumes', settings: 'Settings' },
  ko: { containers: '컨테이너', images: '이미지', volumes: '볼륨', settings: '설정' },
};

export class AppShell {
  readonly nav: Locator;
  readonly engineStatus: Locator;
  readonly commandBar: Locator;
  readonly copyCommand: Locator;
  readonly welcomeHeading: Locator;

  constructor(
    readonly page: Page,
    readonly server: WharfServer,
  ) {
    this.nav = page.getByRole('navigation', { name: 'Main' });
    this.engineStatus = page.getByTestId('engine-status');
    this.commandBar = page.getByTestId('command-bar');
    this.copyCommand = this.commandBar.getByRole('button', { name: 'Copy command' });
    this.welcomeHeading = page.getByRole('heading', { name: 'No container engine found' });
  }

  navLink(route: Route, language: 'en' | 'ko' = 'en'): Locator {
    // The landmark's own name is translated too; "Main" is the English contract.
    const nav = language === 'en' ? this.nav : this.page.getByRole('navigation');
    return nav.getByRole('link', { name: NAV_LABELS[language][route], exact: true });
  }

  /** Opens the link `wharf serve` printed (the page keeps its token for this tab) and waits for the app. */
  async signIn(): Promise<void> {
    await test.step('open the link wharf serve printed', async () => {
      const response = await openWharf(this.page, this.server);
      expect(response?.status(), 'the signed-in page loads').toBe(200);
      await expect(this.nav).toBeVisible();
    });
  }

  /** Follows a link in the Main navigation. */
  async goTo(route: Route, language: 'en' | 'ko' = 'en'): Promise<void> {
    await test.step(`go to ${route}`, async () => {
      await this.navLink(route, language).click();
      await expect(this.page).toHaveURL(new RegExp(`#/${route}$`));
    });
  }

  async expectPhase(phase: string, timeout = 15_000): Promise<void> {
    await expect(this.engineStatus).toHaveAttribute('data-phase', phase, { timeout });
  }
}

/**
 * The cell of `row` under the column whose header matches `header`. Looked up
 * by header so a new column does not silently shift what a test reads.
 */
export async function cellUnder(table: Locator, row: Locator, header: RegExp): Promise<Locator> {
  const headers = await table.locator('thead th').allInnerTexts();
  const index = headers.findIndex((text) => header.test(text.trim()));
  expect(index, `a column matching ${header} among [${headers.join(' | ')}]`).toBeGreaterThanOrEqual(0);
  return row.locator(':scope > td, :scope > th').nth(index);
}
