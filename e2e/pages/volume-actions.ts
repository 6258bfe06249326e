// The actions of the Volumes page: create, remove, prune, and a volume's files.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { FileBrowser } from './file-browser';
import type { VolumesPage } from './volumes-page';

export class VolumeActions {
  readonly files: FileBrowser;

  constructor(
    readonly volumes: VolumesPage,
    readonly page: Page = volumes.page,
  ) {
    this.files = new FileBrowser(page);
  }

  async create(name: string, labels: Record<string, string> = {}): Promise<void> {
    await test.step(`create volume ${name}`, async () => {
      await this.page.getByRole('button', { name: 'Create volume', exact: true }).click();
      const dialog = this.page.getByRole('dialog', { name: 'Create volume' });
      await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
      let n = 0;
      for (const [k, v] of Object.entries(labels)) {
        n++;
        await dialog.getByRole('group', { name: 'Labels' }).getByRole('button', { name: 'Add', exact: true }).click();
        await dialog.getByRole('textbox', { name: `Labels key ${n}` }).fill(k);
        await dialog.getByRole('textbox', { name: `Labels value ${n}` }).fill(v);
      }
      await expect(dialog.locator('.command-preview code')).toContainText(`docker volume create`);
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(dialog).toHaveCount(0);
      await expect(this.volumes.row(name)).toBeVisible();
    });
  }

  async openFiles(name: string): Promise<void> {
    await test.step(`open the files of ${name}`, async () => {
      await this.volumes
        .row(name)
        .getByRole('link', { name: `Files of ${name}` })
        .click();
      await expect(this.page.getByRole('heading', { name: `Volume ${name}` })).toBeVisible();
      await expect(this.files.table).toBeVisible({ timeout: 20_000 });
    });
  }

  /** Remove → confirm; returns the dialog (still open when the engine refused). */
  async remove(name: string): Promise<Locator> {
    return test.step(`remove volume ${name}`, async () => {
      await this.volumes
        .row(name)
        .getByRole('button', { name: `Remove volume ${name}` })
        .click();
      const dialog = this.page.getByRole('dialog', { name: 'Remove volume' });
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
      return dialog;
    });
  }

  async openPrune(): Promise<Locator> {
    return test.step('open prune', async () => {
      await this.page.getByRole('button', { name: 'Prune unused…' }).click();
      const dialog = this.page.getByRole('dialog', { name: 'Prune unused volumes' });
      await expect(dialog.locator('.command-preview code')).toContainText('docker volume prune');
      return dialog;
    });
  }
}
