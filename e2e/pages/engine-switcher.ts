// The top bar's engine indicator and the switcher it opens: the docker
// contexts and Podman connections, each with its endpoint and answer.
import { expect, test, type Locator, type Page } from '@playwright/test';

export class EngineSwitcher {
  readonly trigger: Locator;
  readonly dialog: Locator;
  readonly dockerList: Locator;
  readonly podmanList: Locator;
  readonly footer: Locator;

  constructor(readonly page: Page) {
    this.trigger = page.getByTestId('engine-switch');
    this.dialog = page.getByRole('dialog', { name: 'Engines: docker contexts and Podman connections' });
    this.dockerList = this.dialog.getByRole('list', { name: 'Docker contexts' });
    this.podmanList = this.dialog.getByRole('list', { name: 'Podman connections' });
    this.footer = this.dialog.getByTestId('cli-default');
  }

  async open(): Promise<void> {
    await test.step('open the engine switcher', async () => {
      await this.trigger.click();
      await expect(this.dialog).toBeVisible();
      await expect(this.trigger).toHaveAttribute('aria-expanded', 'true');
    });
  }

  /** A docker context's or Podman connection's row, by name. */
  row(kind: 'docker-context' | 'podman-connection', name: string): Locator {
    return this.dialog.locator(`[data-testid="context-row"][data-kind="${kind}"][data-name="${name}"]`);
  }

  useButton(kind: 'docker-context' | 'podman-connection', name: string): Locator {
    const what = kind === 'docker-context' ? `docker context ${name}` : `Podman connection ${name}`;
    return this.dialog.getByRole('button', { name: `Use ${what}`, exact: true });
  }
}
