// The file browser, wherever it is shown (a volume's page, a container's Files tab).
import { expect, test, type Locator, type Page } from '@playwright/test';

export class FileBrowser {
  readonly table: Locator;
  readonly rows: Locator;
  readonly editor: Locator;
  readonly saveButton: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table', { name: 'Files', exact: true });
    this.rows = this.table.locator('tr[data-testid="file-row"]');
    this.editor = page.getByTestId('code-editor');
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
  }

  row(name: string): Locator {
    return this.table.locator(`tr[data-testid="file-row"][data-name="${name}"]`);
  }

  async openFolder(name: string): Promise<void> {
    await test.step(`open folder ${name}`, async () => {
      await this.row(name)
        .getByRole('button', { name: `${name}/`, exact: true })
        .click();
      await expect(this.page.getByRole('navigation', { name: 'Folder path' })).toContainText(name);
    });
  }

  /** Rename on a row → new name → the row is there under its new name only. */
  async rename(from: string, to: string): Promise<void> {
    await test.step(`rename ${from} to ${to}`, async () => {
      await this.row(from)
        .getByRole('button', { name: `Rename ${from}` })
        .click();
      const dialog = this.page.getByRole('dialog', { name: `Rename ${from}` });
      await dialog.getByRole('textbox', { name: 'New name' }).fill(to);
      await dialog.getByRole('button', { name: 'Rename', exact: true }).click();
      await expect(this.row(to)).toBeVisible();
      await expect(this.row(from)).toHaveCount(0);
    });
  }

  /** New file → name → the editor opens on it. */
  async newFile(name: string): Promise<void> {
    await test.step(`new file ${name}`, async () => {
      await this.page.getByRole('button', { name: 'New file', exact: true }).click();
      const dialog = this.page.getByRole('dialog', { name: 'New file' });
      await dialog.getByRole('textbox', { name: 'File name' }).fill(name);
      await dialog.getByRole('button', { name: 'Create', exact: true }).click();
      await expect(this.editor).toBeVisible();
    });
  }

  /** Types into the open editor and saves. */
  async typeAndSave(text: string): Promise<void> {
    await test.step('type and save', async () => {
      await this.editor.locator('.cm-content').click();
      await this.page.keyboard.type(text);
      await this.saveButton.click();
      await expect(this.page.getByText('Saved', { exact: true })).toBeVisible();
    });
  }

  async upload(files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    await test.step('upload files', async () => {
      await this.page.getByTestId('upload-files').setInputFiles(files);
      for (const f of files) await expect(this.row(f.name)).toBeVisible();
    });
  }

  /** Uploads a folder from disk through the folder picker; its structure is kept. */
  async uploadFolder(dir: string, expectRow: string): Promise<void> {
    await test.step('upload a folder', async () => {
      await this.page.locator('input[type="file"][webkitdirectory]').setInputFiles(dir);
      await expect(this.row(expectRow)).toBeVisible();
    });
  }

  /** Drops files on the browser, as dragging them from the desktop does. */
  async drop(files: { name: string; text: string }[]): Promise<void> {
    await test.step('drop files', async () => {
      const transfer = await this.page.evaluateHandle((list) => {
        const dt = new DataTransfer();
        for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
        return dt;
      }, files);
      const target = this.page.locator('.file-browser');
      await target.dispatchEvent('dragover', { dataTransfer: transfer });
      await target.dispatchEvent('drop', { dataTransfer: transfer });
      for (const f of files) await expect(this.row(f.name)).toBeVisible();
    });
  }

  /** Uploads files from disk (large ones); with `progress`, the progress bar must show and then go. */
  async uploadPaths(paths: string[], options: { progress?: boolean } = {}): Promise<void> {
    await test.step('upload files from disk', async () => {
      const progress = this.page.getByTestId('upload-progress');
      await this.page.getByTestId('upload-files').setInputFiles(paths);
      if (options.progress) await expect(progress.getByRole('progressbar', { name: 'Upload progress' })).toBeVisible();
      // The bar moves as long as bytes flow; it goes when the engine has all of them.
      await expect(progress).toHaveCount(0, { timeout: 120_000 });
      for (const p of paths) await expect(this.row(p.slice(p.lastIndexOf('/') + 1))).toBeVisible();
    });
  }

  /** Downloads a file from its row and returns its bytes. */
  async download(name: string): Promise<Buffer> {
    return test.step(`download ${name}`, async () => {
      const waiting = this.page.waitForEvent('download');
      await this.row(name)
        .getByRole('button', { name: `Download ${name}`, exact: true })
        .click();
      const download = await waiting;
      expect(download.suggestedFilename()).toBe(name);
      // Streamed by the browser's download manager from a one-time address, never a blob: the page held.
      expect(new URL(download.url()).pathname).toMatch(/^\/download\/[0-9a-f]{64}$/);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
  }
}
