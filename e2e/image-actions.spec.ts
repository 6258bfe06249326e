// The Images page's own actions against the real engine: tag and untag,
// remove with the in-use explanation and force, the dangling filter,
// removing a selection, and prune whose preview is exactly what goes.
import { testImage } from './support/env';
import { screenshot } from './support/screenshots';
import { expect, test } from './fixtures';

test.describe('Image actions', () => {
  test('tag and untag: a second name for the same image, then gone again', async ({ imagesPage, docker }) => {
    const source = testImage();
    const target = docker.imageName('tagged');
    const id = (await docker.inspectImage(source)).Id as string;
    await imagesPage.open();
    await imagesPage.tag(source, target);
    const row = imagesPage.rowById(id);
    await expect(row).toContainText(target);
    expect((await docker.inspectImage(target)).Id).toBe(id);
    await expect(imagesPage.commandBar).toContainText(`docker tag ${source} ${target}`);

    await test.step('untag keeps the image under its other name', async () => {
      await imagesPage.page.getByRole('button', { name: `Untag ${target}`, exact: true }).click();
      const dialog = imagesPage.dialog('Untag image');
      await expect(dialog).toContainText(`The image stays under its other names: ${source}`);
      await screenshot(imagesPage.page, 'images-untag-dialog');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
    });
    await imagesPage.untag(target);
    await expect(row).not.toContainText(target);
    await expect(row).toContainText(source);
    expect(await docker.hasImage(target)).toBe(false);
    expect(await docker.hasImage(source)).toBe(true);
  });

  test('remove explains an image in use, the engine refuses, force removes it and the container stays', async ({
    imagesPage,
    docker,
  }) => {
    const name = docker.imageName('inuse');
    const id = await docker.buildImage(name, `FROM ${testImage()}\nLABEL e2e.test=inuse-${docker.suffix}\n`);
    docker.trackImage(id);
    const user = docker.name('img-user');
    await docker.run(['create', '--name', user, name, 'true']);
    await imagesPage.open();
    await expect(imagesPage.rowById(id)).toContainText(name);

    const dialog = await imagesPage.openRemove(name);
    await expect(dialog.getByTestId('image-in-use')).toContainText(`${name} is used by the container ${user}`);
    await expect(imagesPage.commandOf(dialog)).toHaveText(`docker rmi ${name}`);
    await screenshot(imagesPage.page, 'images-remove-in-use');
    await test.step('without force the engine refuses, in plain words', async () => {
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
      await expect(dialog.getByRole('alert')).toContainText(`The image ${name} is used by ${user}`);
      expect(await docker.hasImage(name)).toBe(true);
    });
    await test.step('with force it goes; the container stays', async () => {
      await dialog.getByRole('checkbox', { name: 'Force the removal (-f)' }).check();
      await expect(imagesPage.commandOf(dialog)).toHaveText(`docker rmi -f ${name}`);
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
      await expect(dialog).toHaveCount(0);
      await expect(imagesPage.commandBar).toContainText(`docker rmi -f ${name}`);
      expect(await docker.hasImage(name)).toBe(false);
      expect(await docker.state(user)).not.toBe('missing');
    });
    await expect(imagesPage.rowById(id)).toHaveCount(0);
  });

  test('the dangling filter, removing a selection of two images, and prune removing exactly what its preview listed', async ({
    imagesPage,
    docker,
  }) => {
    const a = docker.imageName('sel-a');
    const b = docker.imageName('sel-b');
    const idA = await docker.buildImage(a, `FROM ${testImage()}\nLABEL e2e.test=a-${docker.suffix}\n`);
    const idB = await docker.buildImage(b, `FROM ${testImage()}\nLABEL e2e.test=b-${docker.suffix}\n`);
    // Dangling: built under a name that a second build then takes.
    const reused = docker.imageName('dangling');
    const danglingId = await docker.buildImage(reused, `FROM ${testImage()}\nLABEL e2e.test=d1-${docker.suffix}\n`);
    await docker.buildImage(reused, `FROM ${testImage()}\nLABEL e2e.test=d2-${docker.suffix}\n`);
    docker.trackImage(danglingId);
    await imagesPage.open();

    await test.step('the dangling filter shows the image that lost its name, and not named ones', async () => {
      await imagesPage.danglingOnly.check();
      await expect(imagesPage.rowById(danglingId)).toContainText('<none>');
      await expect(imagesPage.rowFor(testImage())).toHaveCount(0);
      await imagesPage.danglingOnly.uncheck();
      await expect(imagesPage.rowFor(testImage())).toHaveCount(1);
    });

    await test.step('select two and remove them together', async () => {
      await imagesPage.select(a).check();
      await imagesPage.select(b).check();
      await expect(imagesPage.selection).toContainText('2 selected');
      await imagesPage.selection.getByRole('button', { name: 'Remove', exact: true }).click();
      const dialog = imagesPage.dialog('Remove 2 images');
      // In the list's order (newest first).
      await expect(imagesPage.commandOf(dialog)).toHaveText(new RegExp(`^docker rmi (${a} ${b}|${b} ${a})$`));
      await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
      await expect(dialog).toHaveCount(0);
      await expect(imagesPage.rowById(idA)).toHaveCount(0);
      await expect(imagesPage.rowById(idB)).toHaveCount(0);
      expect(await docker.hasImage(idA)).toBe(false);
      expect(await docker.hasImage(idB)).toBe(false);
    });

    await test.step('prune: the preview lists the dangling image, and what goes is exactly the preview', async () => {
      const dialog = await imagesPage.openPrune();
      const items = dialog.getByTestId('image-prune-item');
      await expect(dialog.locator(`[data-testid="image-prune-item"][data-id="${danglingId}"]`)).toBeVisible();
      const listed = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''));
      await expect(imagesPage.commandOf(dialog)).toHaveText('docker image prune -f');
      await screenshot(imagesPage.page, 'images-prune-dialog');
      await dialog
        .getByRole('button', { name: listed.length === 1 ? 'Remove 1 image' : `Remove ${listed.length} images` })
        .click();
      await expect(dialog).toHaveCount(0);
      await expect(
        imagesPage.page.getByRole('status').filter({ hasText: `Removed ${listed.length} image` }),
      ).toBeVisible();
      for (const id of listed) expect(await docker.hasImage(id), `${id} is gone`).toBe(false);
      expect(await docker.hasImage(testImage())).toBe(true);
      expect(await docker.hasImage(reused)).toBe(true);
    });
  });
});
