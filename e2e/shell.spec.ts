// The shell on the machine Wharf runs on, in browser mode on loopback: it is
// offered on the Terminals page, its DOCKER_HOST is Wharf's engine (docker ps
// there lists the container Wharf lists), and the page is axe-clean in both
// themes.
import { hostname } from 'node:os';
import { expect, test } from './fixtures';
import { HostShellPage } from './pages/host-shell-page';
import { dockerEndpoint } from './support/env';
import { expectNoAxeViolations } from './support/axe';

test.describe('The shell on this machine', () => {
  test('docker ps in it lists the container Wharf lists', async ({ page, wharf, docker, containersPage }) => {
    const name = docker.name('host-shell');
    await docker.runDetached(name);
    const host = new HostShellPage(page, wharf);
    await host.openHostShell();
    await expect(host.panel).toContainText(`A shell on ${hostname()}, the machine Wharf runs on.`);
    await expect(host.panel.getByRole('list', { name: 'Variables set for the engine' })).toContainText(
      `DOCKER_HOST=${dockerEndpoint()}`,
    );
    await host.runOnHost(`docker ps --format '{{.Names}}'`);
    await host.expectHostLine(name);

    // The same container, in Wharf's list.
    await host.goTo('containers');
    await expect(containersPage.row(name)).toBeVisible();
    // And back: the shell kept its screen.
    await host.goToTerminals();
    await host.expectHostLine(name);
  });

  test('a reload of the page reattaches to the same shell', async ({ page, wharf }) => {
    const host = new HostShellPage(page, wharf);
    await host.openHostShell();
    // A shell variable lives only in that shell: seeing it again proves the same session.
    await host.runOnHost('KEPT=kept-$((6*7)); echo before-reload');
    await host.expectHostLine('before-reload');
    await page.reload();
    await expect(host.screen).toBeVisible();
    await host.expectHostLine('before-reload');
    await host.runOnHost('echo $KEPT');
    await host.expectHostLine('kept-42');
  });

  test('turned off in Settings, it ends the open shell and is no longer offered', async ({ page, wharf }) => {
    const host = new HostShellPage(page, wharf);
    await host.openHostShell();
    await host.runOnHost('echo on-$((1+1))');
    await host.expectHostLine('on-2');
    const offer = page.getByRole('checkbox', { name: /^Offer a terminal on this machine/ });
    try {
      await host.goTo('settings');
      await expect(offer).toBeChecked();
      await offer.click();
      await expect(offer).not.toBeChecked();
      await host.goToTerminals();
      await expect(host.panel).toContainText('The terminal on this machine is turned off in Settings.');
      await expect(host.open).toHaveCount(0);
      // The session ended in the runtime: its tab says so.
      await expect(page.getByRole('tab', { name: /This machine/ })).toHaveCount(1);
      await expect(page.locator('.terminal-dot-ended')).toHaveCount(1);
    } finally {
      // The server is shared by this worker's tests: leave the shell offered.
      await host.goTo('settings');
      if (!(await offer.isChecked())) await offer.click();
      await expect(offer).toBeChecked();
    }
    await host.goToTerminals();
    await expect(host.open).toBeVisible();
  });

  test('the Terminals page with the shell open is axe-clean in both themes', async ({ page, wharf, settingsPage }) => {
    const host = new HostShellPage(page, wharf);
    await host.openHostShell();
    await host.runOnHost('echo ready-$((20+22))');
    await host.expectHostLine('ready-42');
    for (const theme of ['light', 'dark'] as const) {
      await test.step(`axe, ${theme}`, async () => {
        await host.goTo('settings');
        await settingsPage.chooseTheme(theme);
        await expect(page.getByTestId('host-shell-settings')).toBeVisible();
        await expectNoAxeViolations(page, `settings, ${theme}`, '[data-testid="host-shell-settings"]');
        await host.goToTerminals();
        await expect(host.screen).toBeVisible();
        await expectNoAxeViolations(page, `terminals with This machine, ${theme}`);
      });
    }
  });
});
