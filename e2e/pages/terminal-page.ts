// Terminals: a container's Terminal tab and the Terminals page. The screen is
// read from the rows of xterm's DOM renderer: useDomRenderer() asks for it
// (the WebGL renderer draws on a canvas, which has no text to read).
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

export class TerminalPage extends AppShell {
  readonly view: Locator;
  readonly command: Locator;
  readonly banner: Locator;
  readonly reconnect: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.view = page.getByTestId('terminal');
    this.command = page.getByTestId('terminal-command');
    this.banner = this.view.getByRole('status');
    this.reconnect = this.view.getByRole('button', { name: 'Reconnect' });
  }

  screenOf(name: string): Locator {
    return this.page.getByRole('group', { name: `Terminal in ${name}` });
  }

  /** The text on screen (and in scrollback xterm shows), one line per row. */
  text(name: string): Locator {
    return this.screenOf(name).locator('.xterm-rows');
  }

  /** The rows on screen, each trimmed. */
  lines(name: string): Promise<string[]> {
    return this.text(name).evaluate((rows) => Array.from(rows.children).map((row) => (row.textContent ?? '').trim()));
  }

  async expectLine(name: string, line: string, timeout = 10_000): Promise<void> {
    await expect.poll(() => this.lines(name), { timeout, message: `a row that reads "${line}"` }).toContain(line);
  }

  /** Terminals opened after this use the DOM renderer (the app's own preference). */
  async useDomRenderer(): Promise<void> {
    await this.page.addInitScript(() => localStorage.setItem('wharf.terminal.renderer', 'dom'));
  }

  /** The container's details page, Terminal tab. */
  async openTab(name: string): Promise<void> {
    await test.step(`open the Terminal tab of ${name}`, async () => {
      await this.page.goto(`${this.server.origin}/#/containers/${encodeURIComponent(name)}/terminal`);
      await expect(this.screenOf(name)).toBeVisible();
    });
  }

  /** Signs in and opens the container's Terminal tab, drawn by the DOM renderer so its screen can be read. */
  async openShell(name: string): Promise<void> {
    await this.useDomRenderer();
    await this.signIn();
    await this.openTab(name);
  }

  /** Waits for the shell's prompt, then types a line and Enter. */
  async run(name: string, line: string): Promise<void> {
    await test.step(`type ${line}`, async () => {
      await this.waitForPrompt(name);
      await this.screenOf(name).click();
      await this.page.keyboard.type(line);
      await this.page.keyboard.press('Enter');
    });
  }

  async waitForPrompt(name: string, timeout = 15_000): Promise<void> {
    await expect
      .poll(async () => (await this.lines(name)).filter((l) => l !== '').pop() ?? '', { timeout })
      .toMatch(/[#$]$/);
  }

  /** Runs `stty size` and reads "rows cols" from its answer. */
  async sttySize(name: string): Promise<{ rows: number; cols: number }> {
    const marker = `S${Math.random().toString(36).slice(2, 7)}`;
    await this.run(name, `echo ${marker} $(stty size)`);
    const pattern = new RegExp(`${marker} (\\d+) (\\d+)`);
    await expect(this.text(name)).toContainText(pattern);
    const m = pattern.exec(await this.text(name).innerText());
    expect(m).not.toBeNull();
    return { rows: Number(m![1]), cols: Number(m![2]) };
  }
}
