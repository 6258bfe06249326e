// The Containers page against the real engine: what it lists, what its
// buttons do to the engine (checked with `docker inspect`), and how it follows
// changes made outside Wharf.
import { HTTPD } from './support/docker-cli';
import { freePort } from './support/ports';
import { screenshot } from './support/screenshots';
import { expect, test } from './fixtures';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

test.describe('Containers', () => {
  test('lists the same containers, in the same states, as docker ps -a', async ({ containersPage, docker }) => {
    const running = docker.name('ps-running');
    const exited = docker.name('ps-exited');
    const created = docker.name('ps-created');
    await docker.runDetached(running);
    await docker.runDetached(exited, [], ['true']);
    await docker.create(created);
    await expect.poll(() => docker.state(exited)).toBe('exited');

    await containersPage.open();
    await expect(containersPage.row(running)).toHaveAttribute('data-state', 'running');
    await expect(containersPage.row(exited)).toHaveAttribute('data-state', 'exited');
    await expect(containersPage.row(created)).toHaveAttribute('data-state', 'created');
    // Other containers may come and go on the engine meanwhile: compare until both sides agree.
    await expect(async () => {
      const [shown, truth] = await Promise.all([containersPage.shown(), docker.ps()]);
      expect(shown.sort(byName)).toEqual(truth.sort(byName));
    }).toPass({ timeout: 10_000 });
  });

  test('Stop, Start and Restart change what the engine says, and show the command', async ({
    containersPage,
    docker,
  }) => {
    const name = docker.name('lifecycle');
    await docker.runDetached(name);
    await containersPage.open();
    await containersPage.expectState(name, 'running');
    await expect(containersPage.button(name, 'Start')).toBeDisabled();

    await containersPage.act(name, 'Stop');
    await expect.poll(() => docker.state(name)).toBe('exited');
    await containersPage.expectState(name, 'exited');
    await expect(containersPage.commandBar).toContainText(`docker stop ${name}`);
    await expect(containersPage.button(name, 'Stop')).toBeDisabled();
    await expect(containersPage.button(name, 'Restart')).toBeDisabled();

    await containersPage.act(name, 'Start');
    await expect.poll(() => docker.state(name)).toBe('running');
    await containersPage.expectState(name, 'running');
    await expect(containersPage.commandBar).toContainText(`docker start ${name}`);

    const startedBefore = (await docker.inspect(name)).State.StartedAt as string;
    await containersPage.act(name, 'Restart');
    await expect
      .poll(
        async () => {
          const state = (await docker.inspect(name)).State;
          return state.Status === 'running' && state.StartedAt !== startedBefore;
        },
        { message: 'the container was started again' },
      )
      .toBe(true);
    await expect(containersPage.commandBar).toContainText(`docker restart ${name}`);
    await containersPage.expectState(name, 'running');
  });

  test('Pause and Unpause freeze and resume a running container, and show the command', async ({
    containersPage,
    docker,
  }) => {
    const name = docker.name('pause');
    await docker.runDetached(name);
    await containersPage.open();
    await containersPage.expectState(name, 'running');
    await expect(containersPage.button(name, 'Unpause')).toHaveCount(0);

    await containersPage.act(name, 'Pause');
    await expect.poll(() => docker.state(name)).toBe('paused');
    await containersPage.expectState(name, 'paused');
    await expect(containersPage.commandBar).toContainText(`docker pause ${name}`);
    await expect(containersPage.button(name, 'Pause')).toHaveCount(0);
    await expect(containersPage.button(name, 'Restart')).toBeDisabled();

    await containersPage.act(name, 'Unpause');
    await expect.poll(() => docker.state(name)).toBe('running');
    await containersPage.expectState(name, 'running');
    await expect(containersPage.commandBar).toContainText(`docker unpause ${name}`);
  });

  test('Remove keeps the anonymous volume unless asked; Escape cancels', async ({ containersPage, docker, page }) => {
    const name = docker.name('rm-keep');
    await docker.create(name, ['-v', '/data']);
    const volume = await anonymousVolume(docker, name);
    docker.trackVolume(volume);
    await containersPage.open();
    await expect(containersPage.row(name)).toBeVisible();

    await test.step('Escape cancels the confirmation', async () => {
      await containersPage.button(name, 'Remove').click();
      await expect(containersPage.removeDialog).toBeVisible();
      await screenshot(page, 'dialog-remove');
      await page.keyboard.press('Escape');
      await expect(containersPage.removeDialog).toBeHidden();
      await expect(containersPage.button(name, 'Remove')).toBeFocused();
      expect(await docker.state(name)).toBe('created');
    });

    await containersPage.remove(name, { volumes: false });
    await expect(containersPage.row(name)).toHaveCount(0);
    expect(await docker.state(name)).toBe('missing');
    expect(await docker.volumeNames()).toContain(volume);
    await expect(containersPage.commandBar).toContainText(`docker rm ${name}`);
  });

  test('the remove dialog is modal: the page behind is inert and still, focus returns to the opener', async ({
    containersPage,
    docker,
    page,
  }) => {
    const name = docker.name('rm-modal');
    await docker.create(name);
    await containersPage.open();
    const opener = containersPage.button(name, 'Remove');
    await opener.click();
    await expect(containersPage.removeDialog).toBeVisible();

    await test.step('the page behind takes no focus and does not scroll', async () => {
      expect(
        await containersPage.filter.evaluate((el: HTMLElement) => (el.focus(), document.activeElement === el)),
      ).toBe(false);
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        expect(await containersPage.removeDialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
      }
      await expect(page.locator('.content')).toHaveCSS('overflow-y', 'hidden');
    });

    await test.step('Cancel closes it and focus returns to the opener', async () => {
      await containersPage.removeDialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await expect(containersPage.removeDialog).toBeHidden();
      await expect(opener).toBeFocused();
      await expect(page.locator('.content')).toHaveCSS('overflow-y', 'auto');
      expect(await docker.state(name)).toBe('created');
    });
  });

  test('Remove with "Also remove anonymous volumes" removes the volume too', async ({ containersPage, docker }) => {
    const name = docker.name('rm-volumes');
    await docker.create(name, ['-v', '/data']);
    const volume = await anonymousVolume(docker, name);
    docker.trackVolume(volume);
    await containersPage.open();

    await containersPage.remove(name, { volumes: true });
    await expect(containersPage.row(name)).toHaveCount(0);
    expect(await docker.state(name)).toBe('missing');
    await expect.poll(() => docker.volumeNames()).not.toContain(volume);
    await expect(containersPage.commandBar).toContainText(`docker rm -v ${name}`);
  });

  test('follows containers made and changed with the docker CLI, without a reload', async ({
    containersPage,
    docker,
    page,
  }) => {
    await containersPage.open();
    const name = docker.name('live');
    // Any navigation from here on would mean the page reloaded.
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    const live = { timeout: 3_000 };

    await docker.create(name);
    await expect(containersPage.row(name)).toHaveAttribute('data-state', 'created', live);
    await docker.run(['start', name]);
    await expect(containersPage.row(name)).toHaveAttribute('data-state', 'running', live);
    await docker.run(['stop', name]);
    await expect(containersPage.row(name)).toHaveAttribute('data-state', 'exited', live);
    await docker.run(['rm', name]);
    await expect(containersPage.row(name)).toHaveCount(0, live);
    expect(navigations, 'the page did not reload').toBe(0);
  });

  test('the filter box shows only matching containers', async ({ containersPage, docker }) => {
    const alpha = docker.name('filter-alpha');
    const beta = docker.name('filter-beta');
    await docker.create(alpha);
    await docker.create(beta);
    await containersPage.open();
    await expect(containersPage.row(alpha)).toBeVisible();
    await expect(containersPage.row(beta)).toBeVisible();

    await containersPage.filterBy(`filter-alpha-${docker.suffix}`);
    await expect(containersPage.row(beta)).toHaveCount(0);
    await expect(containersPage.row(alpha)).toBeVisible();
    await expect(containersPage.rows).toHaveCount(1);

    await containersPage.filterBy('');
    await expect(containersPage.row(beta)).toBeVisible();
    await expect(containersPage.row(alpha)).toBeVisible();
  });

  test('Stop in the selection toolbar stops every selected container', async ({ containersPage, docker }) => {
    const names = [docker.name('multi'), docker.name('multi'), docker.name('multi')];
    const bystander = docker.name('multi-keep');
    for (const name of [...names, bystander]) await docker.runDetached(name);
    await containersPage.open();
    for (const name of names) await containersPage.expectState(name, 'running');

    await containersPage.select(names);
    await containersPage.actOnSelection('Stop');
    for (const name of names) {
      await expect.poll(() => docker.state(name), { message: `${name} stopped` }).toBe('exited');
      await containersPage.expectState(name, 'exited');
    }
    expect(await docker.state(bystander), 'an unselected container keeps running').toBe('running');
    for (const name of names) await expect(containersPage.commandBar).toContainText(name);
    await expect(containersPage.commandBar).toContainText('docker stop');
  });

  test('a port conflict shows the engine’s reason and changes nothing', async ({ containersPage, docker }) => {
    const port = await freePort();
    const a = docker.name('port-a');
    const b = docker.name('port-b');
    await docker.runDetached(a, ['-p', `127.0.0.1:${port}:80`], HTTPD);
    await docker.create(b, ['-p', `127.0.0.1:${port}:80`], HTTPD);
    await containersPage.open();
    await containersPage.expectState(b, 'created');

    await containersPage.act(b, 'Start');
    await expect(
      containersPage.alert.filter({ hasText: /port is already allocated|address already in use/ }),
    ).toBeVisible();
    await screenshot(containersPage.page, 'alert-port-conflict');
    expect(await docker.state(b)).toBe('created');
    expect(await docker.state(a)).toBe('running');
    await containersPage.expectState(b, 'created');
    await containersPage.expectState(a, 'running');
  });

  test('keyboard: Tab reaches a row’s Stop button and Enter stops the container', async ({
    containersPage,
    docker,
    page,
  }) => {
    const name = docker.name('keyboard');
    await docker.runDetached(name);
    await containersPage.open();
    await containersPage.expectState(name, 'running');

    const stop = containersPage.button(name, 'Stop');
    await containersPage.checkbox(name).focus();
    for (let presses = 0; presses < 6; presses += 1) {
      if (await stop.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(stop).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => docker.state(name)).toBe('exited');
    await containersPage.expectState(name, 'exited');
  });
});

async function anonymousVolume(
  docker: { inspect(name: string): Promise<{ Mounts: { Type: string; Name?: string }[] }> },
  name: string,
) {
  const mount = (await docker.inspect(name)).Mounts.find((m) => m.Type === 'volume');
  if (mount?.Name === undefined) throw new Error(`${name} has no anonymous volume`);
  return mount.Name;
}
