// The Images page: the list, its filter and selection, and the dialogs of its
// actions (tag, untag, remove, prune; pull, push and registries; load).
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell, cellUnder } from './app-shell';

export class ImagesPage extends AppShell {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly danglingOnly: Locator;
  readonly selection: Locator;
  readonly buildLink: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.heading = page.getByRole('heading', { name: 'Images', exact: true });
    this.table = page.getByRole('table', { name: 'Images', exact: true });
    this.rows = this.table.locator('tr[data-testid="image-row"]');
    this.danglingOnly = page.getByRole('checkbox', { name: 'Only dangling images' });
    this.selection = page.getByRole('toolbar', { name: 'Selection' });
    this.buildLink = page.getByRole('link', { name: 'Build an image', exact: true });
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

  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name });
  }

  /** The command a dialog shows before it runs. */
  commandOf(dialog: Locator): Locator {
    return dialog.getByTestId('command-preview').locator('code');
  }

  async tag(source: string, target: string): Promise<void> {
    await test.step(`tag ${source} as ${target}`, async () => {
      await this.page.getByRole('button', { name: `Tag ${source}`, exact: true }).click();
      const dialog = this.dialog('Tag image');
      await dialog.getByRole('textbox', { name: 'New name' }).fill(target);
      await expect(this.commandOf(dialog)).toHaveText(`docker tag ${source} ${target}`);
      await dialog.getByRole('button', { name: 'Tag', exact: true }).click();
      await expect(dialog).toHaveCount(0);
    });
  }

  async untag(name: string): Promise<void> {
    await test.step(`untag ${name}`, async () => {
      await this.page.getByRole('button', { name: `Untag ${name}`, exact: true }).click();
      const dialog = this.dialog('Untag image');
      await expect(this.commandOf(dialog)).toHaveText(`docker rmi ${name}`);
      await dialog.getByRole('button', { name: 'Untag', exact: true }).click();
      await expect(dialog).toHaveCount(0);
    });
  }

  /** Opens the remove dialog of one image (by the name its row shows first). */
  async openRemove(ref: string): Promise<Locator> {
    return test.step(`open remove of ${ref}`, async () => {
      await this.page.getByRole('button', { name: `Remove image ${ref}`, exact: true }).click();
      const dialog = this.dialog('Remove image');
      await expect(dialog).toBeVisible();
      return dialog;
    });
  }

  async openPrune(): Promise<Locator> {
    return test.step('open prune', async () => {
      await this.page.getByRole('button', { name: 'Prune unused…' }).click();
      const dialog = this.dialog('Prune unused images');
      await expect(this.commandOf(dialog)).toContainText('docker image prune');
      return dialog;
    });
  }

  select(ref: string): Locator {
    return this.page.getByRole('checkbox', { name: `Select ${ref}`, exact: true });
  }
}

/** Pull, push and registry logins, as a user does them from the Images page. */
export class RegistryActions {
  constructor(
    readonly images: ImagesPage,
    readonly page: Page = images.page,
  ) {}

  registriesDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Registries' });
  }

  async openRegistries(): Promise<Locator> {
    return test.step('open Registries', async () => {
      await this.page.getByRole('button', { name: 'Registries…' }).click();
      const dialog = this.registriesDialog();
      await expect(dialog).toBeVisible();
      return dialog;
    });
  }

  /** Fills the login form and sends it; the caller checks the outcome. */
  async login(dialog: Locator, registry: string, username: string, password: string): Promise<void> {
    await test.step(`log in to ${registry} as ${username}`, async () => {
      await dialog.getByRole('textbox', { name: 'Registry' }).fill(registry);
      await dialog.getByRole('textbox', { name: 'User name' }).fill(username);
      await dialog.getByLabel('Password', { exact: true }).fill(password);
      await expect(this.images.commandOf(dialog)).toHaveText(
        `docker login -u ${username} --password-stdin ${registry}`,
      );
      await dialog.getByRole('button', { name: 'Log in', exact: true }).click();
    });
  }

  savedLogin(dialog: Locator, registry: string): Locator {
    return dialog.locator(`[data-testid="registry-login"][data-registry="${registry}"]`);
  }

  pullDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Pull an image' });
  }

  pushDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Push an image' });
  }

  /** Opens the pull dialog and starts pulling `image`; returns the dialog. */
  async startPull(image: string): Promise<Locator> {
    return test.step(`pull ${image}`, async () => {
      await this.page.getByRole('button', { name: 'Pull an image…' }).click();
      const dialog = this.pullDialog();
      await dialog.getByRole('textbox', { name: 'Image' }).fill(image);
      await expect(this.images.commandOf(dialog)).toHaveText(`docker pull ${image}`);
      await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
      return dialog;
    });
  }

  async startPush(image: string): Promise<Locator> {
    return test.step(`push ${image}`, async () => {
      await this.page.getByRole('button', { name: `Push ${image}`, exact: true }).click();
      const dialog = this.pushDialog();
      await expect(this.images.commandOf(dialog)).toHaveText(`docker push ${image}`);
      await dialog.getByRole('button', { name: 'Push', exact: true }).click();
      return dialog;
    });
  }

  progress(dialog: Locator): Locator {
    return dialog.getByTestId('transfer-progress');
  }

  layers(dialog: Locator): Locator {
    return dialog.getByTestId('layer-progress');
  }
}

/** Save an image as a tar (a browser download) and load one (an upload). */
export class ImageTarActions {
  constructor(
    readonly images: ImagesPage,
    readonly page: Page = images.page,
  ) {}

  /** Clicks Save on the image's row and stores the download at `file`. */
  async save(ref: string, file: string): Promise<string> {
    return test.step(`save ${ref} as a tar`, async () => {
      const downloading = this.page.waitForEvent('download');
      await this.page.getByRole('button', { name: `Save ${ref} as a tar file`, exact: true }).click();
      const download = await downloading;
      await download.saveAs(file);
      return download.suggestedFilename();
    });
  }

  loadDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Load images from a tar' });
  }

  /** Uploads a tar through the Load dialog; returns the dialog (still open, showing the outcome). */
  async load(file: string): Promise<Locator> {
    return test.step(`load ${file}`, async () => {
      await this.page.getByRole('button', { name: 'Load from a tar…' }).click();
      const dialog = this.loadDialog();
      await dialog.getByLabel('Tar file', { exact: true }).setInputFiles(file);
      await expect(this.images.commandOf(dialog)).toHaveText('docker load');
      await dialog.getByRole('button', { name: 'Load', exact: true }).click();
      return dialog;
    });
  }
}
