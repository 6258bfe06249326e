// Networks: create one in the UI (a bad subnet first), connect a container
// from the container's page, see it on the map, be refused removal while it
// is in use; axe in both themes. Only what the engine holds is asserted: no
// traffic is sent to any container.
import type { Page } from '@playwright/test';
import { NetworksPage } from './pages/networks-page';
import { SettingsPage } from './pages/settings-page';
import { expectNoAxeViolations } from './support/axe';
import { screenshot } from './support/screenshots';
import type { WharfServer } from './support/wharf-server';
import { expect, test } from './fixtures';

test.describe('Networks', () => {
  test('create, connect from the container, the map, removal refused while in use, disconnect', async ({
    page,
    wharf,
    docker,
  }) => {
    const net = `e2e-net-${docker.suffix}`;
    const octet = 100 + Math.floor(Math.random() * 150);
    const subnet = `10.${octet}.7.0/24`;
    const web = docker.name('net-web');
    const db = docker.name('net-db');
    await docker.runDetached(web);
    await docker.runDetached(db);
    const webId = (await docker.inspect(web)).Id as string;
    const networks = new NetworksPage(page, wharf);

    try {
      await networks.open();
      await test.step('a bad subnet is refused in the form and creates nothing', async () => {
        await page.getByRole('button', { name: 'Create network' }).click();
        await networks.field('Name').fill(net);
        await networks.field('Subnet (optional)').fill(`10.${octet}.7.5/24`);
        await expect(networks.createDialog.getByTestId('problem-subnet')).toHaveText(
          `"10.${octet}.7.5/24" does not start at its network address: for /24 write ${subnet}.`,
        );
        await networks.createDialog.getByRole('button', { name: 'Create', exact: true }).click();
        await expect(networks.createDialog).toBeVisible();
        expect(await docker.run(['network', 'ls', '--format', '{{.Name}}'])).not.toContain(net);
      });

      await test.step('a good one is created as the command says', async () => {
        await networks.field('Subnet (optional)').fill(subnet);
        await networks.field('Gateway (optional)').fill(`10.${octet}.7.1`);
        await networks.createDialog.getByRole('checkbox', { name: /^Internal/ }).check();
        await expect(networks.createDialog.getByTestId('create-network-command')).toHaveText(
          `docker network create --driver bridge --subnet ${subnet} --gateway 10.${octet}.7.1 --internal ${net}`,
        );
        await networks.createDialog.getByRole('button', { name: 'Create', exact: true }).click();
        await expect(networks.createDialog).toHaveCount(0);
        await expect(page.getByRole('heading', { name: net, level: 1 })).toBeVisible();
        const raw = JSON.parse(await docker.run(['network', 'inspect', net]))[0];
        expect(raw.IPAM.Config).toEqual([expect.objectContaining({ Subnet: subnet, Gateway: `10.${octet}.7.1` })]);
        expect(raw.Internal).toBe(true);
      });

      await test.step('connect the container from its page, with an alias', async () => {
        await networks.openContainerNetworks(webId);
        const form = networks.connectForm;
        await form.getByLabel('Network', { exact: true }).selectOption(net);
        await form.getByLabel('Aliases (optional)').fill('api');
        await expect(form.getByTestId('connect-command')).toHaveText(
          `docker network connect --alias api ${net} ${web}`,
        );
        await form.getByRole('button', { name: 'Connect', exact: true }).click();
        const row = networks.attachment(net, web);
        await expect(row.getByTestId('attachment-aliases')).toHaveText('api');
        await expect(row.getByTestId('attachment-ip')).toHaveText(new RegExp(`^10\\.${octet}\\.7\\.\\d+$`));
        const ep = (await docker.inspect(web)).NetworkSettings.Networks[net];
        expect(ep.Aliases).toContain('api');
        await expect(row.getByTestId('attachment-ip')).toHaveText(ep.IPAddress);
        await expect(networks.commandBar).toContainText(`docker network connect --alias api ${net} ${web}`);
      });

      await test.step('the map shows it, and the default-bridge lesson names the two', async () => {
        await networks.openMap();
        await expect(networks.map.locator(`g[data-network="${net}"] g[data-container="${web}"]`)).toBeVisible();
        const reach = networks.map.locator(`tr[data-testid="reach-row"][data-container="${web}"]`);
        await expect(reach.getByTestId('reach-by-ip')).toContainText(db);
        await expect(networks.lesson).toContainText(web);
        await expect(networks.lesson).toContainText(db);
        await expect(networks.lesson).toContainText(`docker network connect my-net ${db}`);
      });

      await test.step('removal is refused while the container is attached, and the network stays', async () => {
        await networks.openNetwork(net);
        await page.getByRole('button', { name: 'Remove', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: `Remove the network ${net}?` });
        await expect(dialog.getByTestId('remove-in-use')).toContainText(web);
        await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
        await expect(dialog.getByRole('alert')).toContainText(`The network "${net}" is in use by ${web}.`);
        expect(JSON.parse(await docker.run(['network', 'inspect', net]))[0].Name).toBe(net);
      });

      for (const theme of ['light', 'dark'] as const) {
        await test.step(`axe, ${theme}`, async () => {
          await chooseTheme(page, wharf, theme);
          await page.goto(`${wharf.origin}/#/networks`);
          await expect(networks.row(net)).toBeVisible();
          await expectNoAxeViolations(page, `networks list, ${theme}`);
          await networks.openMap();
          await expectNoAxeViolations(page, `network map, ${theme}`);
          await networks.openNetwork(net);
          await expect(networks.attachment(net, web)).toBeVisible();
          await expectNoAxeViolations(page, `network page, ${theme}`);
          await networks.openContainerNetworks(webId);
          await expect(networks.attachment(net, web)).toBeVisible();
          await expectNoAxeViolations(page, `container networks tab, ${theme}`);
        });
      }

      await test.step('disconnect on the network page, then the network can be removed', async () => {
        await networks.openNetwork(net);
        await page.getByRole('button', { name: `Disconnect ${web} from ${net}` }).click();
        await expect(networks.attachment(net, web)).toHaveCount(0);
        expect((await docker.inspect(web)).NetworkSettings.Networks[net]).toBeUndefined();
        await expect(networks.commandBar).toContainText(`docker network disconnect ${net} ${web}`);
        await page.getByRole('button', { name: 'Remove', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: `Remove the network ${net}?` });
        await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
        await expect(networks.heading).toBeVisible();
        expect(await docker.run(['network', 'ls', '--format', '{{.Name}}'])).not.toContain(net);
      });
    } finally {
      await docker.run(['rm', '-f', web, db]).catch(() => undefined);
      await docker.run(['network', 'rm', net]).catch(() => undefined);
    }
  });

  test('prune previews the unused networks and removes exactly those', async ({ page, wharf, docker }) => {
    const unused = `e2e-prune-${docker.suffix}`;
    const kept = `e2e-kept-${docker.suffix}`;
    const stopped = docker.name('net-stopped');
    await docker.run(['network', 'create', unused]);
    await docker.run(['network', 'create', kept]);
    try {
      await docker.create(stopped, ['--network', kept]);
      const networks = new NetworksPage(page, wharf);
      await networks.open();
      await page.getByRole('button', { name: 'Prune unused…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Remove unused networks' });
      const items = dialog.getByTestId('prune-item');
      await expect(items.filter({ hasText: unused })).toHaveCount(1);
      await expect(items.filter({ hasText: kept })).toHaveCount(0);
      const previewed = await items.allTextContents();
      await dialog.getByRole('button', { name: /^Remove \d+ networks?$/ }).click();
      await expect(dialog).toHaveCount(0);
      const left = (await docker.run(['network', 'ls', '--format', '{{.Name}}'])).split('\n');
      for (const name of previewed) expect(left).not.toContain(name.trim());
      expect(left).toContain(kept);
      await expect(networks.commandBar).toContainText('docker network rm');
    } finally {
      await docker.run(['rm', '-f', stopped]).catch(() => undefined);
      await docker.run(['network', 'rm', unused, kept]).catch(() => undefined);
    }
  });

  test('the engine’s own networks say why they cannot be removed', async ({ page, wharf }) => {
    const networks = new NetworksPage(page, wharf);
    await networks.open();
    await expect(networks.row('bridge')).toContainText("Engine's own");
    await expect(networks.row('bridge').getByRole('button', { name: /Remove/ })).toHaveCount(0);
    await networks.openNetwork('bridge');
    await expect(page.getByTestId('built-in-why')).toContainText('cannot be removed');
    await expect(page.getByTestId('network-dns-note')).toContainText('only by IP address');
  });
});

test.describe('Networks screenshots', () => {
  for (const language of ['en', 'ko'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      test(`networks pages in ${language}, ${theme}`, async ({ page, wharf, docker }) => {
        const net = `e2e-shot-${docker.suffix}`;
        const web = docker.name('shot-web');
        const db = docker.name('shot-db');
        const unused = `${net}-unused`;
        await docker.run([
          'network',
          'create',
          '--subnet',
          `10.${100 + Math.floor(Math.random() * 150)}.9.0/24`,
          '--label',
          'team=web',
          net,
        ]);
        await docker.run(['network', 'create', unused]);
        try {
          await docker.runDetached(web, ['--network', net, '--network-alias', 'api', '-p', '127.0.0.1::80']);
          await docker.runDetached(db);
          const id = (await docker.inspect(web)).Id as string;
          const settings = new SettingsPage(page, wharf);
          await settings.open();
          await settings.chooseTheme(theme);
          if (language !== 'en') await settings.chooseLanguage(language);
          const networks = new NetworksPage(page, wharf);
          await page.goto(`${wharf.origin}/#/networks`);
          await expect(page.locator(`tr[data-testid="network-row"][data-name="${net}"]`)).toBeVisible();
          await screenshot(page, `networks-${language}-${theme}`);
          await page.goto(`${wharf.origin}/#/networks?view=map`);
          await expect(networks.map).toBeVisible();
          await screenshot(page, `networks-map-${language}-${theme}`);
          await page.goto(`${wharf.origin}/#/networks/${net}/overview`);
          await expect(networks.attachment(net, web)).toBeVisible();
          await screenshot(page, `network-details-${language}-${theme}`);
          await page.goto(`${wharf.origin}/#/containers/${id}/networks`);
          await expect(networks.attachment(net, web)).toBeVisible();
          await screenshot(page, `container-networks-${language}-${theme}`);
          await page.goto(`${wharf.origin}/#/networks`);
          await page.locator('.toolbar-row .button-primary').click();
          await page.locator('dialog input').first().fill('x y');
          await page.locator('dialog input.mono').nth(1).fill('10.1.2.3/24');
          await screenshot(page, `network-create-${language}-${theme}`);
          await page.keyboard.press('Escape');
          await expect(page.getByRole('dialog')).toHaveCount(0);
          await page.locator('.toolbar-row .button').nth(1).click();
          await expect(page.getByTestId('prune-item').first()).toBeVisible();
          await screenshot(page, `network-prune-${language}-${theme}`);
          await page.keyboard.press('Escape');
          await page.locator(`tr[data-testid="network-row"][data-name="${net}"] .button-danger-quiet`).click();
          await expect(page.getByTestId('remove-in-use')).toBeVisible();
          await screenshot(page, `network-remove-${language}-${theme}`);
        } finally {
          await docker.run(['rm', '-f', web, db]).catch(() => undefined);
          await docker.run(['network', 'rm', net, unused]).catch(() => undefined);
        }
      });
    }
  }
});

async function chooseTheme(page: Page, wharf: WharfServer, theme: 'light' | 'dark'): Promise<void> {
  const settings = new SettingsPage(page, wharf);
  await page.goto(`${wharf.origin}/#/settings`);
  await expect(settings.theme).toBeVisible();
  await settings.chooseTheme(theme);
}
