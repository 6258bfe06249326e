// The engine VM's panel (on the welcome screen and in Settings › Engine VM)
// and its settings form.
import { expect, type Locator, type Page } from '@playwright/test';

export class VmSettings {
  readonly section: Locator;
  readonly panel: Locator;
  readonly start: Locator;
  readonly stop: Locator;
  readonly usage: Locator;
  readonly cpus: Locator;
  readonly disk: Locator;
  readonly save: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId('vm-settings');
    this.panel = this.section.getByTestId('vm-panel');
    this.start = this.panel.getByRole('button', { name: 'Start the VM', exact: true });
    this.stop = this.panel.getByRole('button', { name: 'Stop the VM', exact: true });
    this.usage = this.panel.getByTestId('vm-usage');
    this.cpus = this.section.getByRole('textbox', { name: 'CPUs', exact: true });
    this.disk = this.section.getByRole('textbox', { name: 'Disk (GiB)', exact: true });
    this.save = this.section.getByRole('button', { name: 'Save', exact: true });
    this.alert = this.section.getByRole('alert');
  }

  async expectPhase(phase: string | RegExp, timeout = 15_000): Promise<void> {
    await expect(this.panel).toHaveAttribute('data-phase', phase, { timeout });
  }
}
