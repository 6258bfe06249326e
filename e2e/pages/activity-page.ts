// The Activity page (#/activity), a container's Processes tab, and the page's notifications.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

export class ActivityPage extends AppShell {
  readonly heading: Locator;
  readonly rows: Locator;
  readonly type: Locator;
  readonly name: Locator;
  readonly time: Locator;
  readonly processRows: Locator;
  readonly toasts: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.heading = page.getByRole('heading', { name: 'Activity', exact: true, level: 1 });
    this.rows = page.getByTestId('activity-row');
    this.type = page.getByRole('combobox', { name: 'Type' });
    this.name = page.getByRole('searchbox', { name: 'Name' });
    this.time = page.getByRole('combobox', { name: 'From' });
    this.processRows = page.getByTestId('process-row');
    this.toasts = page.getByRole('region', { name: 'Notifications' }).getByTestId('toast');
  }

  async open(): Promise<void> {
    await test.step('go to activity', async () => {
      await this.nav.getByRole('link', { name: 'Activity', exact: true }).click();
      await expect(this.heading).toBeVisible();
    });
  }

  /** The feed's row for one action on one named object. */
  row(action: string, name: string): Locator {
    return this.page.locator(`[data-testid="activity-row"][data-action="${action}"][data-name="${name}"]`);
  }

  async openContainerTab(id: string, tab: string, label: string): Promise<void> {
    await test.step(`open ${tab} of ${id.slice(0, 12)}`, async () => {
      await this.page.goto(`${new URL(this.server.url).origin}/#/containers/${id}/${tab}`);
      await expect(this.page.getByRole('tab', { name: label, selected: true })).toBeVisible();
    });
  }
}
