// Terminals in browser mode against the real engine: a shell that answers,
// follows the window's size, survives page changes, reconnects after a
// restart, keeps answering after a 50 MB flood, and attach/detach that leaves
// the container running (checked with docker inspect).
import { expect, test } from './fixtures';
import { TerminalPage } from './pages/terminal-page';

test.describe('Terminal', () => {
  test('draws with WebGL where a GPU draws it, else with the DOM renderer', async ({ page, wharf, shell, docker }) => {
    const name = docker.name('term-webgl');
    await docker.runDetached(name);
    const terminal = new TerminalPage(page, wharf);
    await shell.signIn();
    await terminal.openTab(name);
    await expect(terminal.command).toHaveText(`$docker exec -it ${name} sh`);
    // What the browser offers: WebGL from a GPU, or a software rasteriser (slower than the DOM renderer).
    const gpu = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      const info = gl?.getExtension('WEBGL_debug_renderer_info');
      const renderer = gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
      return gl !== null && !/swiftshader|llvmpipe|softpipe|software/i.test(renderer);
    });
    await expect(terminal.view).toHaveAttribute('data-renderer', gpu ? 'webgl' : 'dom');
  });

  test('a lost WebGL context falls back to the DOM renderer, and the shell still answers', async ({
    page,
    wharf,
    shell,
    docker,
  }) => {
    const name = docker.name('term-glloss');
    await docker.runDetached(name);
    const terminal = new TerminalPage(page, wharf);
    // WebGL even on the software rasteriser this browser has, so that there is a context to lose.
    await page.addInitScript(() => localStorage.setItem('wharf.terminal.renderer', 'webgl'));
    await shell.signIn();
    await terminal.openTab(name);
    await expect(terminal.view).toHaveAttribute('data-renderer', 'webgl');
    await expect(terminal.text(name)).toHaveCount(0);
    // What a GPU reset does: every WebGL context of the screen is lost.
    const lost = await terminal.screenOf(name).evaluate((screen) => {
      let n = 0;
      for (const canvas of Array.from(screen.querySelectorAll('canvas'))) {
        const ext = canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context');
        if (ext) {
          ext.loseContext();
          n++;
        }
      }
      return n;
    });
    expect(lost).toBeGreaterThan(0);
    await expect(terminal.view).toHaveAttribute('data-renderer', 'dom');
    await terminal.run(name, 'echo $((6*7))');
    await terminal.expectLine(name, '42');
  });

  test('a shell answers, and keeps its screen when the user goes to Images and back', async ({
    page,
    wharf,
    shell,
    docker,
  }) => {
    const name = docker.name('term-echo');
    await docker.runDetached(name);
    const terminal = new TerminalPage(page, wharf);
    await terminal.openShell(name);
    await expect(terminal.command).toHaveText(`$docker exec -it ${name} sh`);
    await terminal.run(name, 'echo $((6*7))');
    await terminal.expectLine(name, '42');

    await shell.goTo('images');
    await page.goBack();
    await terminal.expectLine(name, '42');
    await terminal.run(name, 'echo again-$((1+1))');
    await expect(terminal.text(name)).toContainText('again-2');
  });

  test('a reload of the page reattaches to the same shell and redraws its screen', async ({ page, wharf, docker }) => {
    const name = docker.name('term-reload');
    await docker.runDetached(name);
    const terminal = new TerminalPage(page, wharf);
    await terminal.openShell(name);
    // A shell variable lives only in that shell: seeing it again proves the same session.
    await terminal.run(name, 'KEPT=kept-$((6*7)); echo before-reload');
    await terminal.expectLine(name, 'before-reload');
    await page.reload();
    await expect(terminal.screenOf(name)).toBeVisible();
    await terminal.expectLine(name, 'before-reload');
    await terminal.run(name, 'echo $KEPT');
    await terminal.expectLine(name, 'kept-42');
    // One shell: the reload did not open a second one.
    const shells = await docker.run(['top', name, '-o', 'pid,args']);
    expect(shells.split('\n').filter((l) => / sh$/.test(l.trim()))).toHaveLength(1);
  });

  test('stty size follows the window', async ({ page, wharf, docker }) => {
    const name = docker.name('term-size');
    await docker.runDetached(name);
    const terminal = new TerminalPage(page, wharf);
    await terminal.openShell(name);
    const before = await terminal.sttySize(name);
    await page.setViewportSize({ width: 1000, height: 640 });
    await expect.poll(async () => terminal.sttySize(name), { timeout: 10_000 }).not.toEqual(before);
    const after = await terminal.sttySize(name);
    expect(after.cols).toBeLessThan(before.cols);
    expect(after.rows).toBeLessThan(before.rows);
  });

  test('after a restart the terminal says the container stopped, and Reconnect works', async ({
    page,
    wharf,
    docker,
  }) => {
    const name = docker.name('term-restart');
    await docker.runDetached(name);
    const terminal = new TerminalPage(page, wharf);
    await terminal.openShell(name);
    await terminal.waitForPrompt(name);
    await docker.run(['restart', name]);
    await expect(terminal.banner).toContainText(/The container stopped \(exit code \d+\)\./);
    await terminal.reconnect.click();
    await terminal.run(name, 'echo back-$((40+2))');
    await expect(terminal.text(name)).toContainText('back-42');
  });

  test('50 MB of output, then a command still answers; Ctrl-C stops yes promptly', async ({ page, wharf, docker }) => {
    test.setTimeout(90_000);
    const name = docker.name('term-flood');
    await docker.runDetached(name);
    const terminal = new TerminalPage(page, wharf);
    await terminal.openShell(name);
    await terminal.run(name, "head -c 50000000 /dev/zero | tr '\\0' x; echo; echo flood-EN''D");
    await expect(terminal.text(name)).toContainText('flood-END', { timeout: 60_000 });
    await terminal.run(name, 'echo $((6*7))');
    await terminal.expectLine(name, '42');

    await terminal.run(name, 'yes');
    await terminal.expectLine(name, 'y');
    await page.keyboard.press('Control+C');
    await terminal.run(name, 'echo stopped-$((1+1))');
    await expect(terminal.text(name)).toContainText('stopped-2', { timeout: 5_000 });
  });

  test('attach reaches the main process; Detach leaves the container running', async ({
    page,
    wharf,
    shell,
    docker,
  }) => {
    const name = docker.name('term-attach');
    await docker.runDetached(name, ['-it'], ['sh']);
    const terminal = new TerminalPage(page, wharf);
    await terminal.useDomRenderer();
    await shell.signIn();
    await page.getByRole('link', { name: 'Terminals', exact: true }).click();
    await page.getByRole('button', { name: '+ New terminal' }).click();
    await page.getByLabel('Container').selectOption({ label: name });
    await page.getByRole('radio', { name: 'Attach' }).check();
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    await expect(terminal.command).toHaveText(`$docker attach ${name}`);
    await test.step('the strip holds tabs only; the close button sits beside the tablist', async () => {
      const tablist = page.getByRole('tablist', { name: 'Open terminals' });
      const tab = tablist.getByRole('tab', { name: `${name} · attach`, exact: true });
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await expect(page.locator(`#${await tab.getAttribute('aria-controls')}`)).toContainText(`docker attach ${name}`);
      await expect(tablist.getByRole('button')).toHaveCount(0);
      await expect(page.getByRole('button', { name: `Close ${name} · attach` })).toBeVisible();
    });
    await terminal.screenOf(name).click();
    await page.keyboard.type('echo attached-$((6*7))');
    await page.keyboard.press('Enter');
    await expect(terminal.text(name)).toContainText('attached-42');
    await terminal.view.getByRole('button', { name: 'Detach' }).click();
    await expect(terminal.banner).toContainText('Detached. The container keeps running.');
    expect((await docker.inspect(name)).State.Status).toBe('running');
  });
});
