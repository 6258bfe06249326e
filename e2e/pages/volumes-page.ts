// The Volumes page.
import { expect, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell, cellUnder } from './app-shell';

export class VolumesPage extends AppShell {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.heading = page.getByRole('heading', { name: 'Volumes', exact: true });
    this.table = page.getByRole('table', { name: 'Volumes', exact: true });
    this.rows = this.table.locator('tr[data-testid="volume-row"]');
  }

  async open(): Promise<void> {
    await this.signIn();
    await this.goTo('volumes');
    await expect(this.heading).toBeVisible();
  }

  row(name: string): Locator {
    return this.table.locator(`tr[data-testid="volume-row"][data-name="${name}"]`);
  }

  usedByCell(row: Locator): Promise<Locator> {
    return cellUnder(this.table, row, /^used by$/i);
  }
}
