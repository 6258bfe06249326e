// The Containers page: the list, its row actions, the selection toolbar and
// the remove confirmation.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

export type RowAction = 'Start' | 'Stop' | 'Restart' | 'Pause' | 'Unpause' | 'Remove';

export class ContainersPage extends AppShell {
  readonly heading: Locator;
  readonly filter: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly selectAll: Locator;
  readonly selectionToolbar: Locator;
  readonly removeDialog: Locator;
  readonly removeVolumes: Locator;
  readonly alert: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.heading = page.getByRole('heading', { name: 'Containers', exact: true });
    this.filter = page.getByLabel('Filter containers', { exact: true });
    this.table = page.getByRole('table', { name: 'Containers', exact: true });
    this.rows = this.table.locator('tr[data-testid="container-row"]');
    this.selectAll = page.getByRole('checkbox', { name: 'Select all', exact: true });
    this.selectionToolbar = page.getByRole('toolbar', { name: 'Selection', exact: true });
    this.removeDialog = page.getByRole('dialog', { name: /^Remove( \d+)? containers?$/ });
    this.removeVolumes = this.removeDialog.getByRole('checkbox', { name: 'Also remove anonymous volumes' });
    this.alert = page.getByRole('alert');
  }

  async open(): Promise<void> {
    await this.signIn();
    await expect(this.heading).toBeVisible();
    await this.expectPhase('connected');
  }

  /** By test id alone, so it also finds the row when the page is in Korean. */
  row(name: string): Locator {
    return this.page.locator(`tr[data-testid="container-row"][data-name="${name}"]`);
  }

  button(name: string, action: RowAction): Locator {
    return this.row(name).getByRole('button', { name: action, exact: true });
  }

  checkbox(name: string): Locator {
    return this.row(name).getByRole('checkbox', { name: `Select ${name}`, exact: true });
  }

  async expectState(name: string, state: string, timeout = 10_000): Promise<void> {
    await expect(this.row(name)).toHaveAttribute('data-state', state, { timeout });
  }

  /** Clicks a row's button (Remove opens the confirmation, see remove()). */
  async act(name: string, action: Exclude<RowAction, 'Remove'>): Promise<void> {
    await test.step(`${action} ${name}`, async () => {
      await expect(this.button(name, action)).toBeEnabled();
      await this.button(name, action).click();
    });
  }

  /** Remove through the confirmation dialog. */
  async remove(name: string, options: { volumes: boolean }): Promise<void> {
    await test.step(`remove ${name}${options.volumes ? ' and its anonymous volumes' : ''}`, async () => {
      await this.button(name, 'Remove').click();
      await expect(this.removeDialog).toBeVisible();
      await expect(this.removeDialog).toContainText(`docker rm ${name}`);
      if (options.volumes) {
        await this.removeVolumes.check();
        await expect(this.removeDialog).toContainText(`docker rm -v ${name}`);
      } else {
        await expect(this.removeVolumes).not.toBeChecked();
      }
      await this.removeDialog.getByRole('button', { name: 'Remove', exact: true }).click();
      await expect(this.removeDialog).toBeHidden();
    });
  }

  async filterBy(text: string): Promise<void> {
    await test.step(`filter containers by "${text}"`, async () => {
      await this.filter.fill(text);
    });
  }

  async select(names: readonly string[]): Promise<void> {
    await test.step(`select ${names.join(', ')}`, async () => {
      for (const name of names) await this.checkbox(name).check();
      await expect(this.selectionToolbar).toBeVisible();
    });
  }

  async actOnSelection(action: RowAction): Promise<void> {
    await test.step(`${action} the selected containers`, async () => {
      await this.selectionToolbar.getByRole('button', { name: action, exact: true }).click();
    });
  }

  /** Name and state of every row the table shows. */
  /**
   * Every row the table shows, scrolled through from top to bottom: a long
   * list renders only the rows in view (and a few either side).
   */
  async shown(): Promise<{ name: string; state: string }[]> {
    return this.table.evaluate(async (table) => {
      const box = table.closest('.table-scroll');
      const seen = new Map<string, string>();
      const collect = () => {
        for (const row of Array.from(table.querySelectorAll('tr[data-testid="container-row"]'))) {
          seen.set(row.getAttribute('data-name') ?? '', row.getAttribute('data-state') ?? '');
        }
      };
      const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      if (box === null) {
        collect();
      } else {
        box.scrollTop = 0;
        await frame();
        for (;;) {
          collect();
          if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) break;
          box.scrollTop += Math.max(1, box.clientHeight / 2);
          await frame();
        }
        box.scrollTop = 0;
      }
      return [...seen].map(([name, state]) => ({ name, state }));
    });
  }
}
