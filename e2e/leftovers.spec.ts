// Settings › What Wharf left on this engine: opening a volume loads Wharf's
// own helper image (never a pulled busybox); Remove (asked first) removes it,
// and opening a volume again loads it again.
import { expect, test } from './fixtures';
import { VolumeActions } from './pages/volume-actions';

test.describe('What Wharf left on the engine', () => {
  test('lists the helper image after a volume is opened, removes it after asking, and it comes back on the next need', async ({
    volumesPage,
    settingsPage,
    docker,
    page,
  }) => {
    const helperImages = async () =>
      (
        await docker.run(['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', 'label=io.wharf.helper-image'])
      ).trim();
    const volume = docker.volumeName('left');
    await docker.run(['volume', 'create', volume]);
    const actions = new VolumeActions(volumesPage);
    await volumesPage.open();
    await actions.openFiles(volume);
    expect(await helperImages()).toMatch(/^wharf-helper:/);

    await settingsPage.open();
    const section = page.getByTestId('leftovers');
    await expect(section.getByRole('list')).toContainText('Helper image');
    await expect(section.getByRole('list')).toContainText('wharf-helper:');
    await section.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove what Wharf left?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await helperImages()).toMatch(/^wharf-helper:/);

    await section.getByRole('button', { name: 'Remove' }).click();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await expect(section.getByText(/Removed \d+ items?\./)).toBeVisible();
    await expect(section).toContainText('Nothing: Wharf has left no helper image');
    expect(await helperImages()).toBe('');
    await expect(settingsPage.commandBar).toContainText('docker rmi -f');

    await volumesPage.open();
    await actions.openFiles(volume);
    expect(await helperImages()).toMatch(/^wharf-helper:/);
  });
});
