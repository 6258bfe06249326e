// Accessibility of every page: axe-core finds no WCAG 2.1 A/AA violation on
// each sidebar page, the welcome screen and the main detail views, in the
// light and dark themes and in English and Korean. Theme and language are
// switched in Settings and pages are reached by changing the address in the
// page (no reload), so the four passes stay quick.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { AppShell } from './pages/app-shell';
import { axeViolations } from './support/axe';
import { focusUnseen } from './support/focus';
import { composeFile, dockerCompose, removeProject, shopYaml } from './support/compose-cli';
import { DockerCli } from './support/docker-cli';
import { dockerEndpoint, testImage } from './support/env';
import { freePort } from './support/ports';
import { screenshot } from './support/screenshots';
import { startWharf } from './support/wharf-server';
import { expect, test } from './fixtures';

type Language = 'en' | 'ko';
type Theme = 'light' | 'dark';

const COMBOS = [
  { language: 'en', theme: 'light' },
  { language: 'en', theme: 'dark' },
  { language: 'ko', theme: 'light' },
  { language: 'ko', theme: 'dark' },
] as const;

// Set WHARF_A11Y_SHOTS=1 to also write a screenshot of every page (e2e/screenshots/a11y-*).
const SHOTS = process.env.WHARF_A11Y_SHOTS === '1';

interface Visit {
  name: string;
  hash: string;
  /** What shows once the page has loaded what it reads. */
  ready: (page: Page) => Locator;
  /** A button on the page that opens a dialog, checked open too (then closed with Escape). */
  dialog?: (page: Page) => Locator;
}

const docker = new DockerCli(dockerEndpoint());
const names = {
  web: docker.name('a11y-web'),
  job: docker.name('a11y-job'),
  volume: docker.volumeName('a11y-data'),
  network: `e2e-a11y-net-${docker.suffix}`,
  project: `e2e-a11y-${docker.suffix}`,
};
let visits: Visit[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await docker.run(['volume', 'create', names.volume]);
  await docker.run([
    'run',
    '--rm',
    '-v',
    `${names.volume}:/data`,
    testImage(),
    'sh',
    '-c',
    'echo hello > /data/notes.txt; mkdir /data/conf',
  ]);
  await docker.run(['network', 'create', names.network]);
  await docker.runDetached(
    names.web,
    ['-v', `${names.volume}:/data`, '--network', names.network],
    ['sh', '-c', 'trap "exit 0" TERM; echo web is up; httpd -f -p 80 & wait'],
  );
  await docker.runDetached(names.job, [], ['sh', '-c', 'echo done; exit 3']);
  await dockerCompose(docker, names.project, composeFile(names.project, shopYaml(testImage(), await freePort())), [
    'up',
    '-d',
  ]);
  const id = ((await docker.inspect(names.web)) as { Id: string }).Id;
  const imageId = ((await docker.inspectImage(testImage())) as { Id: string }).Id;
  visits = pagesToVisit(id, imageId);
});

test.afterAll(async () => {
  await removeProject(docker, names.project).catch(() => undefined);
  await docker.cleanup();
  await docker.run(['network', 'rm', names.network]).catch(() => undefined);
});

const heading = (page: Page) => page.locator('main h1').first();
const row = (testId: string, name: string) => (page: Page) =>
  page.locator(`tr[data-testid="${testId}"]`).filter({ hasText: name }).first();

function pagesToVisit(containerId: string, imageId: string): Visit[] {
  const sidebar: Visit[] = [
    {
      name: 'containers',
      hash: '#/containers',
      ready: row('container-row', names.web),
      dialog: (page) => row('container-row', names.job)(page).locator('[data-learn="containers.remove"]'),
    },
    { name: 'learn', hash: '#/learn', ready: (page) => page.getByTestId('lesson-card').first() },
    { name: 'dashboard', hash: '#/dashboard', ready: heading },
    { name: 'images', hash: '#/images', ready: (page) => page.locator('tr[data-testid="image-row"]').first() },
    { name: 'compose', hash: '#/compose', ready: (page) => page.getByText(names.project).first() },
    { name: 'pods', hash: '#/pods', ready: heading },
    { name: 'run', hash: '#/run', ready: heading },
    { name: 'build', hash: '#/build', ready: heading },
    {
      name: 'volumes',
      hash: '#/volumes',
      ready: row('volume-row', names.volume),
      dialog: (page) => page.locator('[data-learn="volumes.create"]'),
    },
    {
      name: 'networks',
      hash: '#/networks',
      ready: (page) => page.getByText(names.network).first(),
      dialog: (page) => page.locator('[data-learn="networks.create"]'),
    },
    { name: 'network-map', hash: '#/networks?view=map', ready: (page) => page.getByRole('tabpanel').first() },
    { name: 'mounts', hash: '#/mounts', ready: heading },
    { name: 'disk', hash: '#/disk', ready: heading },
    { name: 'activity', hash: '#/activity', ready: heading },
    { name: 'settings', hash: '#/settings', ready: heading },
  ];
  const containerTabs = [
    'overview',
    'logs',
    'terminal',
    'stats',
    'processes',
    'files',
    'mounts',
    'networks',
    'inspect',
  ];
  const tabPanel = (page: Page) => page.getByRole('tabpanel').first();
  return [
    ...sidebar,
    ...containerTabs.map((tab) => ({
      name: `container-${tab}`,
      hash: `#/containers/${containerId}/${tab}`,
      ready: tabPanel,
    })),
    { name: 'image-layers', hash: `#/images/${imageId}/layers`, ready: tabPanel },
    { name: 'image-inspect', hash: `#/images/${imageId}/inspect`, ready: tabPanel },
    { name: 'volume-files', hash: `#/volumes/${names.volume}`, ready: (page) => page.getByText('notes.txt').first() },
    ...['overview', 'graph', 'logs', 'file'].map((tab) => ({
      name: `compose-${tab}`,
      hash: `#/compose/${names.project}/${tab}`,
      ready: tabPanel,
    })),
    { name: 'network', hash: `#/networks/${names.network}`, ready: tabPanel },
    { name: 'network-inspect', hash: `#/networks/${names.network}/inspect`, ready: tabPanel },
    { name: 'lesson', hash: '#/learn/first-container', ready: (page) => page.getByTestId('lesson-step').first() },
    // After the container's Terminal tab: its session is listed there, in the tablist.
    { name: 'terminals', hash: '#/terminals', ready: (page) => page.getByRole('tab', { name: new RegExp(names.web) }) },
  ];
}

/** Goes to an address inside the app (no reload). */
async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((to) => (window.location.hash = to), hash);
}

/** Theme and language, chosen in Settings the way a user does (both labels name it in English too). */
async function choose(page: Page, language: Language, theme: Theme): Promise<void> {
  await goTo(page, '#/settings');
  await page.getByRole('combobox', { name: /Theme/ }).selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await page.getByRole('combobox', { name: /Language/ }).selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

async function check(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  expect.soft(violations, `axe violations on ${label}`).toEqual([]);
  if (SHOTS) await screenshot(page, `a11y-${label}`);
}

for (const { language, theme } of COMBOS) {
  test(`every page passes axe in ${language}, ${theme}`, async ({ page, wharf }) => {
    test.setTimeout(240_000);
    await new AppShell(page, wharf).signIn();
    await choose(page, language, theme);
    for (const visit of visits) {
      await test.step(visit.name, async () => {
        await goTo(page, visit.hash);
        await expect(visit.ready(page)).toBeVisible();
        await check(page, `${visit.name}-${language}-${theme}`);
        if (visit.dialog) {
          await visit.dialog(page).click();
          await expect(page.getByRole('dialog')).toBeVisible();
          await check(page, `${visit.name}-dialog-${language}-${theme}`);
          await page.keyboard.press('Escape');
          await expect(page.getByRole('dialog')).toHaveCount(0);
        }
      });
    }
  });
}

test('the welcome screen passes axe in both themes and languages', async ({ page }) => {
  test.setTimeout(120_000);
  // No engine where discovery looks: an empty home and runtime folder, no DOCKER_HOST.
  const root = await mkdtemp(join(tmpdir(), 'wa-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: join(root, 'h'), XDG_RUNTIME_DIR: join(root, 'x') };
  delete env.DOCKER_HOST;
  delete env.DOCKER_CONTEXT;
  await mkdir(env.HOME!, { recursive: true });
  await mkdir(env.XDG_RUNTIME_DIR!, { recursive: true });
  const server = await startWharf({ env, token: randomBytes(16).toString('hex') });
  try {
    const shell = new AppShell(page, server);
    await shell.signIn();
    for (const { language, theme } of COMBOS) {
      await choose(page, language, theme);
      await goTo(page, '#/containers');
      await shell.expectPhase('no-engine');
      await expect(page.locator('main h1').first()).toBeVisible();
      await check(page, `welcome-${language}-${theme}`);
    }
  } finally {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  }
});

test.describe('Focus and motion', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`the focus is always visible, ${theme}`, async ({ page, wharf }) => {
      test.setTimeout(180_000);
      await new AppShell(page, wharf).signIn();
      await choose(page, 'en', theme);
      const unseen: string[] = [];
      for (const visit of visits) {
        await test.step(visit.name, async () => {
          await goTo(page, visit.hash);
          await expect(visit.ready(page)).toBeVisible();
          // From the top: Skip to the page (checked too), then on through the page itself. Tab goes on from
          // where the focus last was, so the walk starts from a focusable spot put before everything (and
          // removed after the Tab). Enter is pressed only once the skip link has the focus, so it never
          // presses a button the Tab reached instead.
          const skipLink = page.locator('a.skip-link');
          await expect(async () => {
            await page.evaluate(() => {
              const start = document.createElement('span');
              start.tabIndex = -1;
              start.id = 'e2e-focus-start';
              document.body.prepend(start);
              start.focus();
            });
            await page.keyboard.press('Tab');
            await page.evaluate(() => document.getElementById('e2e-focus-start')?.remove());
            await expect(skipLink).toBeFocused({ timeout: 200 });
          }).toPass({ timeout: 10_000 });
          const skip = await page.evaluate(focusUnseen);
          if (skip !== null) unseen.push(`${visit.name}: ${skip}`);
          await page.keyboard.press('Enter');
          for (let i = 0; i < 25; i++) {
            await page.keyboard.press('Tab');
            if ((await page.evaluate(focusUnseen)) === null) continue;
            // Asked again once the page has drawn twice more (the focus may have scrolled it, or a row re-rendered).
            await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
            const missing = await page.evaluate(focusUnseen);
            if (missing !== null) unseen.push(`${visit.name}: ${missing}`);
          }
        });
      }
      expect(unseen, 'focused elements drawn with no focus indicator').toEqual([]);
    });
  }

  test('prefers-reduced-motion: reduce turns transitions off', async ({ page, wharf }) => {
    await new AppShell(page, wharf).signIn();
    // The chevron of a compose project's row turns when the group opens or closes.
    const chevron = page
      .locator(`tr[data-testid="compose-group"][data-project="${names.project}"]`)
      .locator('.group-chevron');
    await expect(chevron).toBeVisible();
    const duration = () => chevron.evaluate((el) => getComputedStyle(el).transitionDuration);
    expect(await duration(), 'it turns with motion allowed').not.toBe('0s');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await duration()).toBe('0s');
    // The spinner (kept on screen by nothing here) and dialogs follow the same rule: no animation runs.
    expect(
      await page.evaluate(
        () =>
          document
            .getAnimations()
            .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().duration !== 0).length,
      ),
    ).toBe(0);
  });
});
