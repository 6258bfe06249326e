// The container conveniences, each through the UI against the real engine and
// checked with the docker CLI: rename (a bad name and a taken one refused),
// duplicate (the copy's `docker inspect` matches the original's), commit (the
// image holds the change and is on the Images page), export (the downloaded
// tar holds the container's files), update (the engine holds the new restart
// policy and memory), files dragged out and dropped in; axe clean in both
// themes.
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { runInspectFields } from '../runtime/domains/run/compare';
import { expect, test } from './fixtures';
import { ContainerActionsPage } from './pages/container-actions';
import { FileBrowser } from './pages/file-browser';
import { RunPage } from './pages/run-page';
import { expectNoAxeViolations } from './support/axe';
import { testImage } from './support/env';
import { screenshot } from './support/screenshots';

const THEMES = ['light', 'dark'] as const;
const MB = 1024 * 1024;

async function axeBothThemes(page: Page, label: string): Promise<void> {
  for (const theme of THEMES) {
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await expectNoAxeViolations(page, `${label}, ${theme}`);
  }
}

test('rename: a bad name and a taken one are refused and said; a good one is what docker inspect shows', async ({
  page,
  wharf,
  docker,
}) => {
  const name = docker.name('ren');
  const other = docker.name('ren-other');
  const fresh = docker.name('renamed');
  await docker.create(name);
  await docker.create(other);
  const ui = new ContainerActionsPage(page, wharf);
  await ui.open(name);
  await ui.start('Rename');
  const field = ui.field('New name');
  await expect(field).toHaveValue(name);

  await test.step('a name against the engine rule is named in the form; Rename stays off', async () => {
    await field.fill('-bad name');
    await expect(ui.dialog.getByText(/starts with a letter or digit and holds only/)).toBeVisible();
    await expect(ui.submit('Rename')).toBeDisabled();
  });
  await axeBothThemes(page, 'rename dialog');

  await test.step("a name in use: the engine's refusal is said, and nothing changes", async () => {
    await field.fill(other);
    await expect(ui.command()).toHaveText(`docker rename ${name} ${other}`);
    await ui.submit('Rename').click();
    await expect(ui.dialog.getByRole('alert')).toContainText(
      `The name "${other}" is already used by another container.`,
    );
    expect((await docker.inspect(name)).Name).toBe(`/${name}`);
  });

  await test.step('a free name: the engine holds it, the page follows', async () => {
    await field.fill(fresh);
    await ui.submit('Rename').click();
    await expect(ui.dialog).toBeHidden();
    await expect(ui.heading(fresh)).toBeVisible();
    expect((await docker.inspect(fresh)).Name).toBe(`/${fresh}`);
  });
});

test('duplicate: the run form opens filled from the container, and the copy matches it in docker inspect', async ({
  page,
  wharf,
  docker,
}) => {
  const name = docker.name('dup');
  const volume = docker.volumeName('dup-data');
  await docker.run(['volume', 'create', volume]);
  await docker.create(name, [
    '-p',
    '127.0.0.1::80',
    '-e',
    'MODE=dev',
    '-v',
    `${volume}:/data`,
    '--restart',
    'unless-stopped',
    '-m',
    '96m',
    '--cpus',
    '0.5',
    '-l',
    'tier=web',
    '-w',
    '/data',
    '-u',
    '1000',
  ]);
  const copy = `${name}-copy`;
  try {
    const ui = new ContainerActionsPage(page, wharf);
    await ui.open(name);
    await ui.start('Duplicate');
    const run = new RunPage(page, wharf);
    await test.step('the form holds the original, named <name>-copy', async () => {
      await expect(page).toHaveURL(new RegExp(`#/run\\?from=${name}$`));
      await expect(page.getByTestId('duplicate-notice')).toContainText(`A copy of ${name}`);
      await expect(run.name).toHaveValue(copy);
      await expect(run.image).toHaveValue(testImage());
      await expect(run.memory).toHaveValue('96m');
      await expect(run.restart).toHaveValue('unless-stopped');
      await expect(run.form.getByRole('textbox', { name: 'Label 1', exact: true })).toHaveValue('tier=web');
      await expect(run.envRow(1)).toHaveValue('MODE=dev');
      await expect(run.shownCommand).toContainText(`--name ${copy}`);
    });
    await axeBothThemes(page, 'run form filled by duplicate');
    await screenshot(page, 'container-duplicate');
    await run.runButton.click();
    await expect(page.getByRole('heading', { name: copy, exact: true, level: 1 })).toBeVisible();
    const [a, b] = [await docker.inspect(name), await docker.inspect(copy)];
    expect(runInspectFields(b)).toEqual(runInspectFields(a));
    expect(b.Config.Labels.tier).toBe('web');
    expect(b.HostConfig.Memory).toBe(96 * MB);
  } finally {
    await docker.run(['rm', '-f', copy]).catch(() => undefined);
  }
});

test('commit: the image holds the change and the given settings, and is on the Images page', async ({
  page,
  wharf,
  docker,
}) => {
  const name = docker.name('commit');
  const image = docker.imageName('committed');
  await docker.runDetached(name);
  await docker.run(['exec', name, 'sh', '-c', 'echo committed-file > /proof.txt']);
  const ui = new ContainerActionsPage(page, wharf);
  await ui.open(name);
  await ui.start('Commit to image');
  await ui.field('Image name').fill(image);
  await ui.field('Message').fill('a proof file');
  await ui.dialog.getByRole('textbox', { name: 'Changes' }).fill('RUN rm -rf /');
  await expect(ui.dialog.getByText(/is not one of the instructions a commit takes/)).toBeVisible();
  await expect(ui.submit('Commit')).toBeDisabled();
  await ui.dialog.getByRole('textbox', { name: 'Changes' }).fill('ENV FROM_COMMIT=1');
  await expect(ui.command()).toHaveText(
    `docker commit --message 'a proof file' --change 'ENV FROM_COMMIT=1' ${name} ${image}`,
  );
  await axeBothThemes(page, 'commit dialog');
  await ui.submit('Commit').click();
  await expect(ui.commitNotice).toContainText(`The image ${image} is ready.`);
  const info = await docker.inspectImage(image);
  expect(info.Comment).toBe('a proof file');
  expect(info.Config.Env).toContain('FROM_COMMIT=1');
  expect((await docker.run(['run', '--rm', image, 'cat', '/proof.txt'])).trim()).toBe('committed-file');
  await ui.commitNotice.getByRole('link', { name: 'See it on the Images page' }).click();
  const [repository, tag] = image.split(':');
  await expect(page.getByRole('table', { name: 'Images', exact: true })).toContainText(repository!);
  await expect(page.getByRole('table', { name: 'Images', exact: true })).toContainText(tag!);
});

test("export: the downloaded tar holds the container's files", async ({ page, wharf, docker }, testInfo) => {
  const name = docker.name('export');
  await docker.runDetached(name);
  await docker.run(['exec', name, 'sh', '-c', 'mkdir -p /srv/out && echo exported > /srv/out/proof.txt']);
  const ui = new ContainerActionsPage(page, wharf);
  await ui.open(name);
  const waiting = page.waitForEvent('download');
  await ui.start('Export files');
  const download = await waiting;
  expect(download.suggestedFilename()).toBe(`${name}.tar`);
  const tar = testInfo.outputPath(`${name}.tar`);
  await download.saveAs(tar);
  expect(await download.failure()).toBeNull();
  const names = execFileSync('tar', ['-tf', tar], { encoding: 'utf8' }).split('\n');
  const proof = names.find((n) => n.replace(/^\.?\//, '') === 'srv/out/proof.txt');
  expect(proof).toBeDefined();
  expect(execFileSync('tar', ['-xOf', tar, proof!], { encoding: 'utf8' })).toBe('exported\n');
  await expect(page.locator(`[data-testid="download-progress"][data-name="${name}.tar"]`)).toBeVisible();
});

test('update: the dialog shows what is set; the engine holds the new restart policy and memory', async ({
  page,
  wharf,
  docker,
}) => {
  const name = docker.name('update');
  await docker.runDetached(name);
  const ui = new ContainerActionsPage(page, wharf);
  await ui.open(name);
  await ui.start('Limits & restart');
  const memory = ui.field(/^Memory --memory$/);
  await expect(ui.dialog.getByText('Now: no limit.').first()).toBeVisible();
  await expect(ui.command()).toHaveText('Change a field to see the command.');
  await memory.fill('lots');
  await expect(ui.dialog.getByText('A memory size is a number with b, k, m or g: 512m, 1g.')).toBeVisible();
  await expect(ui.submit('Apply')).toBeDisabled();
  await ui.dialog.getByRole('combobox', { name: /Restart policy/ }).selectOption('unless-stopped');
  await memory.fill('128m');
  await expect(ui.command()).toHaveText(
    `docker update --restart unless-stopped --memory 128m --memory-swap 256m ${name}`,
  );
  await axeBothThemes(page, 'limits dialog');
  await screenshot(page, 'container-update');
  await ui.submit('Apply').click();
  await expect(ui.dialog).toBeHidden();
  const h = (await docker.inspect(name)).HostConfig;
  expect(h.RestartPolicy.Name).toBe('unless-stopped');
  expect(h.Memory).toBe(128 * MB);
  expect(h.MemorySwap).toBe(256 * MB);

  await test.step('opened again, it shows the values now set', async () => {
    await ui.start('Limits & restart');
    await expect(memory).toHaveValue('128m');
    await expect(ui.dialog.getByText('Now: 128m.')).toBeVisible();
    await ui.dialog.getByRole('button', { name: 'Cancel' }).click();
  });
  await axeBothThemes(page, 'details page with the conveniences');
});

test('drag out: a file row carries a DownloadURL whose address gives the file', async ({ page, wharf, docker }) => {
  const name = docker.name('drag');
  await docker.runDetached(name);
  await docker.run(['exec', name, 'sh', '-c', 'mkdir -p /out && echo dragged-out > /out/drag.txt']);
  const ui = new ContainerActionsPage(page, wharf);
  await ui.open(name);
  await page.goto(`${new URL(wharf.url).origin}/#/containers/${encodeURIComponent(name)}/files`);
  const files = new FileBrowser(page);
  await files.openFolder('out');
  const row = page.locator('tr[data-testid="file-row"][data-name="drag.txt"]');
  await expect(row).toHaveAttribute('draggable', 'true');
  // The address is asked for when the pointer goes down, so it is there when the drag starts.
  await row.dispatchEvent('pointerdown');
  let carried = '';
  await expect
    .poll(async () => {
      const data = await row.evaluate((el) => {
        const dt = new DataTransfer();
        el.dispatchEvent(new DragEvent('dragstart', { dataTransfer: dt, bubbles: true, cancelable: true }));
        return dt.getData('DownloadURL');
      });
      if (data !== '') carried = data;
      return carried;
    })
    .toMatch(/^application\/octet-stream:drag\.txt:http:\/\/.+\/download\/[0-9a-f]{64}$/);
  const address = carried.split(':').slice(2).join(':');
  // Another site's page cannot have it (its fetches say cross-site), and the refusal does not use it up.
  expect((await page.request.get(address, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status()).toBe(403);
  // Fetched as Chromium fetches a file dropped on the desktop: by the browser itself, with no
  // initiator, which it says as `Sec-Fetch-Site: none` (content/browser/download/drag_download_file.cc).
  const response = await page.request.get(address, { headers: { 'Sec-Fetch-Site': 'none' } });
  expect(response.status()).toBe(200);
  expect(await response.text()).toBe('dragged-out\n');
});

test('drop in: files dropped on the Files view are uploaded into the open folder', async ({ page, wharf, docker }) => {
  const name = docker.name('drop');
  await docker.runDetached(name);
  await docker.run(['exec', name, 'mkdir', '-p', '/in']);
  const ui = new ContainerActionsPage(page, wharf);
  await ui.open(name);
  await page.goto(`${new URL(wharf.url).origin}/#/containers/${encodeURIComponent(name)}/files`);
  const files = new FileBrowser(page);
  await files.openFolder('in');
  await page.locator('.file-browser').evaluate((el) => {
    const dt = new DataTransfer();
    dt.items.add(new File(['dropped in\n'], 'dropped.txt', { type: 'text/plain' }));
    el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.locator('tr[data-testid="file-row"][data-name="dropped.txt"]')).toBeVisible();
  expect(await docker.run(['exec', name, 'cat', '/in/dropped.txt'])).toBe('dropped in\n');
});
