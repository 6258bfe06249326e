// The container conveniences on the details page: rename, duplicate, commit,
// export and the limits dialog.
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { WharfServer } from '../support/wharf-server';
import { AppShell } from './app-shell';

export type ConvenienceButton = 'Rename' | 'Duplicate' | 'Commit to image' | 'Export files' | 'Limits & restart';

export class ContainerActionsPage extends AppShell {
  readonly group: Locator;
  readonly dialog: Locator;
  readonly commitNotice: Locator;

  constructor(page: Page, server: WharfServer) {
    super(page, server);
    this.group = page.getByRole('group', { name: 'More actions' });
    this.dialog = page.getByRole('dialog');
    this.commitNotice = page.getByTestId('commit-notice');
  }

  heading(name: string): Locator {
    return this.page.getByRole('heading', { name, exact: true, level: 1 });
  }

  /** Signs in and opens a container's details page by its name. */
  async open(name: string): Promise<void> {
    await this.signIn();
    await test.step(`open the details of ${name}`, async () => {
      await this.page.goto(`${new URL(this.server.url).origin}/#/containers/${encodeURIComponent(name)}`);
      await expect(this.heading(name)).toBeVisible();
      await expect(this.group.getByRole('button', { name: 'Limits & restart' })).toBeEnabled();
    });
  }

  async start(action: ConvenienceButton): Promise<void> {
    await this.group.getByRole('button', { name: action, exact: true }).click();
  }

  field(name: string | RegExp): Locator {
    return this.dialog.getByRole('textbox', { name });
  }

  /** The command the open dialog shows. */
  command(): Locator {
    return this.dialog.locator('.command-preview code');
  }

  submit(name: string): Locator {
    return this.dialog.getByRole('button', { name, exact: true });
  }
}
