// The container details page: header, tabs, the Logs view and Inspect.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

export type DetailsTab = 'Overview' | 'Logs' | 'Inspect';

export class ContainerDetailsPage extends AppShell {
  readonly tablist: Locator;
  readonly logView: Locator;
  readonly logLines: Locator;
  readonly logSearch: Locator;
  readonly logMatches: Locator;
  readonly logState: Locator;
  readonly tail: Locator;
  readonly resume: Locator;
  readonly viewCommand: Locator;
  readonly env: Locator;
  readonly inspectJson: Locator;
  readonly inspectSearch: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.tablist = page.getByRole('tablist', { name: 'Container details' });
    this.logView = page.getByRole('region', { name: 'Log lines' });
    this.logLines = this.logView.getByTestId('log-line');
    this.logSearch = page.getByRole('searchbox', { name: 'Search logs' });
    this.logMatches = page.locator('#panel-logs').getByRole('status');
    this.logState = page.getByTestId('logs-state');
    this.tail = page.getByRole('combobox', { name: 'Lines from the end' });
    this.resume = page.getByRole('button', { name: /Resume following/ });
    this.viewCommand = page.locator('[role="tabpanel"]:not([hidden])').getByTestId('view-command');
    this.env = page.getByTestId('env-table');
    this.inspectJson = page.getByRole('region', { name: 'Inspect JSON' });
    this.inspectSearch = page.getByRole('searchbox', { name: 'Search inspect' });
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name, exact: true, level: 1 });
  }

  /** From the containers list: the container's name is a link to its details. */
  async openFromList(name: string): Promise<void> {
    await test.step(`open the details of ${name}`, async () => {
      await this.page
        .locator(`tr[data-testid="container-row"][data-name="${name}"]`)
        .getByRole('link', { name, exact: true })
        .click();
      await expect(this.heading(name)).toBeVisible();
      await expect(this.page).toHaveURL(/#\/containers\/[0-9a-f]{64}$/);
    });
  }

  async openTab(tab: DetailsTab): Promise<void> {
    await test.step(`open the ${tab} tab`, async () => {
      await this.tablist.getByRole('tab', { name: tab, exact: true }).click();
      await expect(this.tablist.getByRole('tab', { name: tab, exact: true })).toHaveAttribute('aria-selected', 'true');
      await expect(this.page).toHaveURL(new RegExp(`/${tab.toLowerCase()}$`));
    });
  }

  /** The log row whose text is exactly `text`. */
  logLine(text: string): Locator {
    return this.logLines.filter({ has: this.page.locator('.log-text', { hasText: new RegExp(`^${text}$`) }) });
  }

  async searchLogs(text: string): Promise<void> {
    await test.step(`search the logs for "${text}"`, async () => {
      await this.logSearch.fill(text);
    });
  }

  /** The Overview's environment row of `key`. */
  envRow(key: string): Locator {
    return this.env.locator(`tr[data-key="${key}"]`);
  }
}
