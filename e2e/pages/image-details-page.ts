// An image's details page (#/images/<id>/<tab>): Layers and Inspect.
import { expect, test, type Locator, type Page } from '@playwright/test';

export class ImageDetailsPage {
  readonly tabs: Locator;
  readonly layersTable: Locator;
  readonly layerRows: Locator;
  readonly total: Locator;
  readonly sum: Locator;
  readonly inspectJson: Locator;
  readonly viewCommand: Locator;

  constructor(readonly page: Page) {
    this.tabs = page.getByRole('tablist', { name: 'Image details' });
    this.layersTable = page.getByRole('table', { name: 'Layers', exact: true });
    this.layerRows = this.layersTable.locator('tr[data-testid="layer-row"]');
    this.total = page.getByTestId('layers-total');
    this.sum = page.getByTestId('layers-sum');
    this.inspectJson = page.getByRole('region', { name: 'Inspect JSON' });
    this.viewCommand = page.getByTestId('view-command');
  }

  heading(ref: string): Locator {
    return this.page.getByRole('heading', { name: `Image ${ref}`, exact: true });
  }

  async openTab(name: 'Layers' | 'Inspect'): Promise<void> {
    await test.step(`open the ${name} tab`, async () => {
      await this.tabs.getByRole('tab', { name, exact: true }).click();
      await expect(this.tabs.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
    });
  }

  /** The sizes (bytes) of the listed layers, top to bottom. */
  sizes(): Promise<number[]> {
    return this.layerRows.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-size'))));
  }
}
