// The main tasks with the keyboard alone: once the page has loaded, only
// key presses and typing (no clicks). Tab moves through the page until the
// control wanted has the focus; the engine is asked what came of it.
import type { Locator, Page } from '@playwright/test';
import type { AppShell } from './pages/app-shell';
import type { DockerCli } from './support/docker-cli';
import { testImage } from './support/env';
import { focusUnseen } from './support/focus';
import { expect, test } from './fixtures';

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}): Promise<void> {
  await test.step(`tab to ${target.toString()}`, async () => {
    await expect(target).toBeVisible();
    for (let i = 0; i < max; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
    throw new Error(`${target.toString()} was not reached in ${max} presses of Tab (focus on ${focused})`);
  });
}

async function stateOf(docker: DockerCli, name: string): Promise<string> {
  return docker.state(name);
}

/** Opens Wharf (the one page load) with the focus at the top of the document. */
async function open(shell: AppShell): Promise<void> {
  await shell.signIn();
  await expect(shell.page.getByRole('heading', { name: 'Containers', exact: true })).toBeVisible();
}

test('start, stop, logs and a terminal of a container, by keyboard', async ({ page, docker, shell }) => {
  test.setTimeout(120_000);
  const name = docker.name('kbd');
  await docker.create(name, [], ['sh', '-c', `trap "exit 0" TERM; echo ready-${name}; while true; do sleep 1; done`]);
  await open(shell);
  const row = page.locator(`tr[data-testid="container-row"][data-name="${name}"]`);
  const button = (label: string) => row.getByRole('button', { name: label, exact: true });

  await test.step('the first Tab reaches Skip to the page; Enter lands on the heading', async () => {
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to the page' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Containers' })).toBeFocused();
  });

  await test.step('filter the list to the container', async () => {
    await tabTo(page, page.getByLabel('Filter containers', { exact: true }));
    await page.keyboard.type(name);
    await expect(page.locator('tr[data-testid="container-row"]')).toHaveCount(1);
  });

  await test.step('Start', async () => {
    await tabTo(page, button('Start'));
    await page.keyboard.press('Enter');
    await expect(row).toHaveAttribute('data-state', 'running');
    await expect.poll(() => stateOf(docker, name)).toBe('running');
  });

  await test.step('Stop (Space on the button)', async () => {
    await tabTo(page, button('Stop'));
    await page.keyboard.press('Space');
    await expect(row).toHaveAttribute('data-state', 'exited');
    await expect.poll(() => stateOf(docker, name)).toBe('exited');
  });

  await test.step('Start again, from where the focus was left', async () => {
    await tabTo(page, button('Start'), { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => stateOf(docker, name)).toBe('running');
  });

  await test.step('open its details, then the Logs tab', async () => {
    await tabTo(page, row.getByRole('link', { name, exact: true }), { back: true });
    await page.keyboard.press('Enter');
    // The link went with the list: the new page's heading has the focus, not the top of the document.
    await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
    const overview = page.getByRole('tab', { name: 'Overview', exact: true });
    await tabTo(page, overview);
    await page.keyboard.press('ArrowRight');
    const logs = page.getByRole('tab', { name: 'Logs', exact: true });
    await expect(logs).toBeFocused();
    await expect(logs).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name: 'Logs' })).toContainText(`ready-${name}`);
  });

  await test.step('the Terminal tab: type a command and read the answer', async () => {
    await page.keyboard.press('ArrowRight');
    const tab = page.getByRole('tab', { name: 'Terminal', exact: true });
    await expect(tab).toBeFocused();
    const panel = page.getByRole('tabpanel', { name: 'Terminal' });
    const screen = panel.getByRole('group', { name: `Terminal in ${name}` });
    await expect(screen).toBeVisible();
    await tabTo(page, screen.locator('textarea'));
    // The ring follows the focus within a frame or two (CodeMirror and xterm mark their focus on their next update).
    await expect.poll(() => page.evaluate(focusUnseen), { message: 'the focused terminal shows it' }).toBeNull();
    await page.keyboard.type('echo kb-$((6*7))');
    await page.keyboard.press('Enter');
    await expect(screen).toContainText('kb-42');
  });

  await test.step('Escape then Tab leaves the terminal', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await expect(panel(page).locator('textarea')).not.toBeFocused();
    expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
  });
});

const panel = (page: Page) => page.getByRole('tabpanel', { name: 'Terminal' });

test('edit a file in a volume and save it, by keyboard', async ({ page, docker, shell }) => {
  test.setTimeout(90_000);
  const volume = docker.volumeName('kbd-files');
  await docker.run(['volume', 'create', volume]);
  await docker.run(['run', '--rm', '-v', `${volume}:/data`, testImage(), 'sh', '-c', 'echo first > /data/notes.txt']);
  await open(shell);

  await test.step('Volumes in the sidebar', async () => {
    await tabTo(page, shell.navLink('volumes'));
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/volumes$/);
  });

  await test.step("open the volume's files", async () => {
    const row = page.locator(`tr[data-testid="volume-row"][data-name="${volume}"]`);
    await tabTo(page, row.getByRole('link', { name: new RegExp(`^(Files of )?${volume}$`) }));
    await page.keyboard.press('Enter');
  });

  const table = page.getByRole('table', { name: 'Files', exact: true });
  await test.step('open notes.txt in the editor', async () => {
    const file = table.locator('tr[data-testid="file-row"][data-name="notes.txt"]');
    await tabTo(page, file.getByRole('button', { name: 'notes.txt', exact: true }));
    await page.keyboard.press('Enter');
  });

  await test.step('type and save with Ctrl+S', async () => {
    const text = page.getByTestId('code-editor').getByRole('textbox');
    await tabTo(page, text);
    await expect.poll(() => page.evaluate(focusUnseen), { message: 'the focused editor shows it' }).toBeNull();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('second');
    await page.keyboard.press('Control+s');
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  });

  const content = await docker.run(['run', '--rm', '-v', `${volume}:/data`, testImage(), 'cat', '/data/notes.txt']);
  expect(content).toBe('first\nsecond');
});

test('run an image from the run form, by keyboard', async ({ page, docker, shell }) => {
  test.setTimeout(90_000);
  const name = docker.name('kbd-run');
  await open(shell);

  await test.step('Run in the sidebar', async () => {
    await tabTo(page, shell.nav.getByRole('link', { name: 'Run', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Run a container', exact: true })).toBeVisible();
  });

  const form = page.getByRole('form', { name: 'Run form' });
  await test.step('fill the image, a name and a command', async () => {
    await tabTo(page, form.getByRole('combobox', { name: 'Image', exact: true }));
    await page.keyboard.type(testImage());
    await tabTo(page, form.getByRole('textbox', { name: 'Name', exact: true }));
    await page.keyboard.type(name);
    await tabTo(page, form.getByRole('textbox', { name: 'Command', exact: true }));
    await page.keyboard.type('sh -c "echo run-by-keyboard; sleep 600"');
  });

  await test.step('Run container', async () => {
    await tabTo(page, page.getByRole('button', { name: 'Run container' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => stateOf(docker, name).catch(() => 'missing')).toBe('running');
    await expect.poll(() => docker.logs(name)).toContain('run-by-keyboard');
  });
});

test('a dialog holds the focus, Escape gives it back, Enter confirms', async ({ page, docker, shell }) => {
  test.setTimeout(60_000);
  const name = docker.name('kbd-rm');
  await docker.create(name);
  await open(shell);
  const row = page.locator(`tr[data-testid="container-row"][data-name="${name}"]`);
  const remove = row.getByRole('button', { name: 'Remove', exact: true });
  const dialog = page.getByRole('dialog', { name: /^Remove/ });

  await tabTo(page, page.getByLabel('Filter containers', { exact: true }));
  await page.keyboard.type(name);
  await tabTo(page, remove);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press(i % 2 === 0 ? 'Tab' : 'Shift+Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();
  expect(await docker.state(name)).toBe('created');

  await page.keyboard.press('Enter');
  await tabTo(page, dialog.getByRole('button', { name: 'Remove', exact: true }));
  await page.keyboard.press('Enter');
  await expect(row).toHaveCount(0);
  await expect.poll(() => docker.state(name)).toBe('missing');
});
