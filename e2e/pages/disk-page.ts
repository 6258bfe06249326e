// The Disk page (#/disk) and its clean-up dialog.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

export class DiskPage extends AppShell {
  readonly heading: Locator;
  readonly categories: Locator;
  readonly cleanupButton: Locator;
  readonly dialog: Locator;
  readonly previewItems: Locator;
  readonly removeButton: Locator;
  readonly outcome: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.heading = page.getByRole('heading', { name: 'Disk usage', exact: true });
    this.categories = page.getByTestId('disk-category');
    this.cleanupButton = page.getByRole('button', { name: 'Clean up…' });
    this.dialog = page.getByRole('dialog', { name: 'Clean up' });
    this.previewItems = this.dialog.getByTestId('disk-preview-item');
    this.removeButton = this.dialog.getByRole('button', { name: /^Remove \d+ items?/ });
    this.outcome = page.getByTestId('disk-outcome');
  }

  async open(): Promise<void> {
    await this.signIn();
    await test.step('go to disk', async () => {
      await this.nav.getByRole('link', { name: 'Disk', exact: true }).click();
      await expect(this.heading).toBeVisible();
      await expect(this.categories).toHaveCount(4);
    });
  }

  category(kind: 'images' | 'containers' | 'volumes' | 'buildCache'): Locator {
    return this.page.locator(`[data-testid="disk-category"][data-kind="${kind}"]`);
  }

  volumeSize(name: string): Locator {
    return this.page.locator(`[data-testid="disk-volume"][data-name="${name}"] [data-testid="disk-volume-size"]`);
  }

  previewItem(kind: string, id: string): Locator {
    return this.dialog.locator(`[data-testid="disk-preview-item"][data-kind="${kind}"][data-id="${id}"]`);
  }

  /** The ids the preview lists, by kind. */
  async previewed(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const item of await this.previewItems.all()) {
      const kind = (await item.getAttribute('data-kind'))!;
      (out[kind] ??= []).push((await item.getAttribute('data-id'))!);
    }
    return out;
  }
}
