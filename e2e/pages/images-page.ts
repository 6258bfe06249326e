// The Images page.
import { expect, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell, cellUnder } from './app-shell';

export class ImagesPage extends AppShell {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.heading = page.getByRole('heading', { name: 'Images', exact: true });
    this.table = page.getByRole('table', { name: 'Images', exact: true });
    this.rows = this.table.locator('tr[data-testid="image-row"]');
  }

  async open(): Promise<void> {
    await this.signIn();
    await this.goTo('images');
    await expect(this.heading).toBeVisible();
  }

  /** The row showing this repository:tag. */
  rowFor(repoTag: string): Locator {
    return this.rows.filter({ hasText: repoTag });
  }

  rowById(id: string): Locator {
    return this.table.locator(`tr[data-testid="image-row"][data-id="${id}"]`);
  }

  containersCell(row: Locator): Promise<Locator> {
    return cellUnder(this.table, row, /^containers?$/i);
  }
}
