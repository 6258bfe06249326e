// The Images and Volumes pages against the real engine.
import { testImage } from './support/env';
import { expect, test } from './fixtures';

test.describe('Images', () => {
  test('lists the test image with the number of containers using it, kept up to date', async ({
    imagesPage,
    docker,
  }) => {
    const image = await docker.inspectImage(testImage());
    const imageId = image.Id as string;
    await imagesPage.open();
    const row = imagesPage.rowFor(testImage());
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute('data-id', imageId);
    await expect(row).toContainText(imageId.replace(/^sha256:/, '').slice(0, 12));
    const count = await imagesPage.containersCell(row);

    // Other containers come and go on a shared engine: compare until both sides agree.
    const engineCount = async (mustInclude?: string) => {
      const using = await docker.containersUsing(imageId);
      if (mustInclude !== undefined) expect(using).toContain(mustInclude);
      await expect(count).toHaveText(String(using.length), { timeout: 500 });
    };
    await expect(() => engineCount()).toPass({ timeout: 10_000 });

    const user = docker.name('image-user');
    await docker.create(user);
    await expect(() => engineCount(user)).toPass({ timeout: 10_000 });
  });
});

test.describe('Volumes', () => {
  test('shows a volume made with the CLI live, and which container uses it', async ({ volumesPage, docker }) => {
    await volumesPage.open();
    const volume = docker.volumeName('vol');
    const user = docker.name('vol-user');
    const live = { timeout: 3_000 };

    await docker.run(['volume', 'create', volume]);
    const row = volumesPage.row(volume);
    await expect(row).toBeVisible(live);
    await expect(row).toContainText('local');
    const usedBy = await volumesPage.usedByCell(row);
    await expect(usedBy).not.toContainText(user);

    await docker.create(user, ['-v', `${volume}:/data`]);
    await expect(usedBy).toContainText(user, { timeout: 5_000 });

    await docker.run(['rm', user]);
    await expect(usedBy).not.toContainText(user, { timeout: 5_000 });
    await docker.run(['volume', 'rm', volume]);
    await expect(row).toHaveCount(0, live);
  });
});
