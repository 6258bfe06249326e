// Save an image to a tar (a browser download streamed from the engine) and
// load it back (an upload streamed into the engine), against the real engine.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ImageTarActions } from './pages/images-page';
import { testDir, testImage } from './support/env';
import { screenshot } from './support/screenshots';
import { expect, test } from './fixtures';

test.describe('Save and load', () => {
  test('save an image as a tar download, remove it, load the tar back: the same image returns', async ({
    imagesPage,
    docker,
  }) => {
    const ref = docker.imageName('tar');
    const id = await docker.buildImage(ref, `FROM ${testImage()}\nRUN echo saved-${docker.suffix} > /stamp.txt\n`);
    const tars = new ImageTarActions(imagesPage);
    const file = join(testDir(), `image-${docker.suffix}.tar`);
    await imagesPage.open();

    const name = await tars.save(ref, file);
    expect(name).toBe(`${ref.replace(/[/:@]/g, '_')}.tar`);
    // Wharf's own progress line, with the image's size as the estimated total (the engine sends no length).
    const progress = imagesPage.page.locator(`[data-testid="download-progress"][data-name="${name}"]`);
    await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    await expect(progress).toContainText(`Downloaded ${name}`);
    await expect(progress).toContainText('estimated beforehand at');
    await screenshot(imagesPage.page, 'image-save-progress');
    // A docker save tar holds every layer: at least the image's size.
    expect(statSync(file).size).toBeGreaterThanOrEqual((await docker.inspectImage(ref)).Size as number);
    await expect(imagesPage.commandBar).toContainText(`docker save -o ${name} ${ref}`);

    await docker.run(['rmi', ref]);
    await expect(imagesPage.rowById(id)).toHaveCount(0);

    const dialog = await tars.load(file);
    await expect(dialog.getByRole('status')).toContainText(`Loaded: ${ref}`, { timeout: 30_000 });
    await screenshot(imagesPage.page, 'images-load-done');
    await expect(imagesPage.commandBar).toContainText('docker load');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(imagesPage.rowById(id)).toContainText(ref);
    expect((await docker.inspectImage(ref)).Id).toBe(id);
  });

  test('a file that is not an image tar: the engine says why, and nothing is added', async ({ imagesPage, docker }) => {
    const tars = new ImageTarActions(imagesPage);
    const before = (await docker.run(['images', '-aq', '--no-trunc'])).trim().split('\n').sort();
    await imagesPage.open();
    const dialog = await tars.load(join(process.cwd(), 'package.json'));
    await expect(dialog.getByRole('alert')).toBeVisible({ timeout: 30_000 });
    await screenshot(imagesPage.page, 'images-load-failed');
    expect((await docker.run(['images', '-aq', '--no-trunc'])).trim().split('\n').sort()).toEqual(before);
  });
});
