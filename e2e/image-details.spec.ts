// An image's layers and inspect JSON against the real engine: the instruction
// of each layer as docker history shows it, empty ones marked, and sizes that
// add up to the image's size.
import { ImageDetailsPage } from './pages/image-details-page';
import { testImage } from './support/env';
import { screenshot } from './support/screenshots';
import { expect, test } from './fixtures';

test.describe('Image details', () => {
  test('layers: each instruction with its size, empty ones marked, the total equal to the image size', async ({
    imagesPage,
    docker,
  }) => {
    const ref = testImage();
    const inspected = await docker.inspectImage(ref);
    const history = (await docker.run(['history', '--no-trunc', '--format', '{{.CreatedBy}}', ref])).trim().split('\n');
    await imagesPage.open();
    await imagesPage.page.getByRole('link', { name: `Layers of ${ref}`, exact: true }).click();
    const details = new ImageDetailsPage(imagesPage.page);
    await expect(details.heading(ref)).toBeVisible();
    await expect(imagesPage.page).toHaveURL(new RegExp(`#/images/${encodeURIComponent(inspected.Id as string)}`));

    await expect(details.layerRows).toHaveCount(history.length);
    const sizes = await details.sizes();
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(inspected.Size);
    await expect(details.total).toHaveAttribute('data-total', String(inspected.Size));
    await expect(details.total).toHaveAttribute('data-image-size', String(inspected.Size));
    await expect(details.sum).toHaveText("The layers add up to the image's size.");

    await test.step('the instructions, newest first, cleaned of the builder wrapping; empty ones marked', async () => {
      await expect(details.layerRows.first()).toContainText('CMD ["/bin/sh"]');
      await expect(details.layerRows.first()).toHaveAttribute('data-empty', 'true');
      await expect(details.layerRows.first()).toContainText('empty');
      await expect(details.layerRows.last()).toContainText('COPY file:');
      await expect(details.layerRows.last()).toHaveAttribute('data-empty', 'false');
      const emptyRows = sizes.filter((s) => s === 0).length;
      await expect(details.layersTable.locator('tr[data-empty="true"]')).toHaveCount(emptyRows);
    });
    await expect(details.viewCommand).toContainText(`docker history ${ref}`);
    await screenshot(imagesPage.page, 'image-details-layers');

    await details.openTab('Inspect');
    await expect(details.inspectJson).toContainText(`"Id": "${inspected.Id as string}"`);
    await expect(details.viewCommand).toContainText(`docker image inspect ${ref}`);

    await test.step('the keyboard moves between the tabs: Home, End and the arrows', async () => {
      const tab = (name: string) => details.tabs.getByRole('tab', { name, exact: true });
      await tab('Inspect').focus();
      await imagesPage.page.keyboard.press('Home');
      await expect(tab('Layers')).toHaveAttribute('aria-selected', 'true');
      await expect(tab('Layers')).toBeFocused();
      await expect(details.layersTable).toBeVisible();
      await imagesPage.page.keyboard.press('End');
      await expect(tab('Inspect')).toHaveAttribute('aria-selected', 'true');
      await expect(tab('Inspect')).toBeFocused();
      await imagesPage.page.keyboard.press('ArrowRight');
      await expect(tab('Layers')).toHaveAttribute('aria-selected', 'true');
      await expect(tab('Inspect')).toHaveAttribute('tabindex', '-1');
    });
  });
});
