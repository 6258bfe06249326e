// The Networks page (list and map), one network's page, and a container's Networks tab.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

export class NetworksPage extends AppShell {
  readonly heading: Locator;
  readonly table: Locator;
  readonly createDialog: Locator;
  readonly map: Locator;
  readonly lesson: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.heading = page.getByRole('heading', { name: 'Networks', exact: true, level: 1 });
    this.table = page.getByRole('table', { name: 'Networks', exact: true });
    this.createDialog = page.getByRole('dialog', { name: 'Create a network' });
    this.map = page.getByTestId('network-map');
    this.lesson = page.getByTestId('bridge-lesson');
  }

  private async go(hash: string): Promise<void> {
    await this.page.goto(`${this.server.origin}/#/${hash}`);
  }

  async open(): Promise<void> {
    await this.signIn();
    await this.nav.getByRole('link', { name: 'Networks', exact: true }).click();
    await expect(this.heading).toBeVisible();
  }

  row(name: string): Locator {
    return this.table.locator(`tr[data-testid="network-row"][data-name="${name}"]`);
  }

  async openMap(): Promise<void> {
    await test.step('open the network map', async () => {
      await this.go('networks?view=map');
      await expect(this.map).toBeVisible();
    });
  }

  async openNetwork(name: string, tab: 'overview' | 'inspect' = 'overview'): Promise<void> {
    await test.step(`open network ${name}`, async () => {
      await this.go(`networks/${encodeURIComponent(name)}/${tab}`);
      await expect(this.page.getByRole('heading', { name, exact: true, level: 1 })).toBeVisible();
    });
  }

  async openContainerNetworks(id: string): Promise<void> {
    await test.step(`open the Networks tab of ${id.slice(0, 12)}`, async () => {
      await this.go(`containers/${id}/networks`);
      await expect(this.page.getByRole('tab', { name: 'Networks', selected: true })).toBeVisible();
    });
  }

  field(label: string): Locator {
    return this.createDialog.getByLabel(label, { exact: true });
  }

  /** The connect form on the page (a network's or a container's). */
  get connectForm(): Locator {
    return this.page.getByTestId('connect-form');
  }

  attachment(network: string, container: string): Locator {
    return this.page.locator(
      `tr[data-testid="attachment-row"][data-network="${network}"][data-container="${container}"]`,
    );
  }
}
