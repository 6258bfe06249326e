// The Mounts page (#/mounts) and a container's Mounts tab.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

export class MountsPage extends AppShell {
  readonly heading: Locator;
  readonly filter: Locator;
  readonly groups: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.heading = page.getByRole('heading', { name: 'Mounts', exact: true });
    this.filter = page.getByRole('searchbox', { name: 'Filter mounts' });
    this.groups = page.locator('[data-testid="mount-group"]');
  }

  async open(): Promise<void> {
    await this.signIn();
    await test.step('go to mounts', async () => {
      await this.nav.getByRole('link', { name: 'Mounts', exact: true }).click();
      await expect(this.heading).toBeVisible();
    });
  }

  group(key: string): Locator {
    return this.page.locator(`[data-testid="mount-group"][data-key="${key}"]`);
  }

  /** A container's details page on one tab. */
  async openContainerTab(id: string, tab: 'mounts' | 'files'): Promise<void> {
    await test.step(`open ${tab} of ${id.slice(0, 12)}`, async () => {
      await this.page.goto(`${new URL(this.server.url).origin}/#/containers/${id}/${tab}`);
      await expect(
        this.page.getByRole('tab', { name: tab === 'mounts' ? 'Mounts' : 'Files', selected: true }),
      ).toBeVisible();
    });
  }

  /** One drawn mount of the Mounts tab. */
  mount(type: string, destination: string): Locator {
    return this.page.locator(`li[data-testid="mount"][data-type="${type}"][data-destination="${destination}"]`);
  }
}
