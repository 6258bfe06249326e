// Fixtures every spec uses: one browser-mode Wharf per worker, pointed at the
// test Docker engine; the docker CLI against that engine, with cleanup of what
// each test created; and the page objects.
import { test as base } from '@playwright/test';
import { ContainersPage } from './pages/containers-page';
import { ImagesPage } from './pages/images-page';
import { SettingsPage } from './pages/settings-page';
import { VolumesPage } from './pages/volumes-page';
import { AppShell } from './pages/app-shell';
import { DockerCli } from './support/docker-cli';
import { dockerEndpoint } from './support/env';
import { startWharf, type WharfServer } from './support/wharf-server';

interface WorkerFixtures {
  /** `wharf serve --engine $WHARF_TEST_DOCKER`, shared by the tests of a worker. */
  wharf: WharfServer;
}

interface TestFixtures {
  /** The docker CLI against the test Docker engine. */
  docker: DockerCli;
  shell: AppShell;
  containersPage: ContainersPage;
  imagesPage: ImagesPage;
  volumesPage: VolumesPage;
  settingsPage: SettingsPage;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  wharf: [
    async ({}, use) => {
      const server = await startWharf({ engine: dockerEndpoint() });
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  docker: async ({}, use) => {
    const cli = new DockerCli(dockerEndpoint());
    await use(cli);
    await cli.cleanup();
  },
  shell: async ({ page, wharf }, use) => use(new AppShell(page, wharf)),
  containersPage: async ({ page, wharf }, use) => use(new ContainersPage(page, wharf)),
  imagesPage: async ({ page, wharf }, use) => use(new ImagesPage(page, wharf)),
  volumesPage: async ({ page, wharf }, use) => use(new VolumesPage(page, wharf)),
  settingsPage: async ({ page, wharf }, use) => use(new SettingsPage(page, wharf)),
});

export { expect } from '@playwright/test';
