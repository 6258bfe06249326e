// The Terminals page's "This machine" tab: a shell on the computer Wharf runs
// on. Its screen is read from xterm's DOM renderer rows (see terminal-page.ts).
import { hostname } from 'node:os';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { TerminalPage } from './terminal-page';

export class HostShellPage extends TerminalPage {
  readonly open: Locator;
  readonly panel: Locator;
  readonly screen: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.open = page.locator('[data-learn="terminals.host"]');
    this.panel = page.getByTestId('host-shell');
    this.screen = page.getByRole('group', { name: `Shell on ${hostname()}`, exact: true });
  }

  /** Signs in, goes to Terminals and opens This machine, drawn by the DOM renderer. */
  async openHostShell(): Promise<void> {
    await this.useDomRenderer();
    await this.signIn();
    await this.goToTerminals();
    await test.step('open This machine', async () => {
      await expect(this.open).toHaveText('This machine');
      await this.open.click();
      await expect(this.screen).toBeVisible();
    });
  }

  async goToTerminals(): Promise<void> {
    await test.step('go to terminals', async () => {
      await this.nav.getByRole('link', { name: 'Terminals', exact: true }).click();
      await expect(this.page).toHaveURL(/#\/terminals$/);
    });
  }

  hostLines(): Promise<string[]> {
    return this.screen
      .locator('.xterm-rows')
      .evaluate((rows) => Array.from(rows.children).map((row) => (row.textContent ?? '').trim()));
  }

  async expectHostLine(line: string, timeout = 15_000): Promise<void> {
    await expect.poll(() => this.hostLines(), { timeout, message: `a row that reads "${line}"` }).toContain(line);
  }

  /** Waits for a prompt, then types a line and Enter. */
  async runOnHost(line: string): Promise<void> {
    await test.step(`type ${line}`, async () => {
      await expect
        .poll(async () => (await this.hostLines()).filter((l) => l !== '').pop() ?? '', { timeout: 15_000 })
        .toMatch(/[#$%>]$/);
      await this.screen.click();
      await this.page.keyboard.type(line);
      await this.page.keyboard.press('Enter');
    });
  }
}
