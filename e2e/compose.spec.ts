// Compose: the containers list grouped by project, the Compose page, a
// project's page (graph, up with progress, merged logs), axe in both themes.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoAxeViolations } from './support/axe';
import { composeFile, dockerCompose, removeProject, shopYaml } from './support/compose-cli';
import { testImage } from './support/env';
import { freePort } from './support/ports';
import { screenshot } from './support/screenshots';

test.describe.configure({ mode: 'serial' });

const group = (page: Page, project: string) =>
  page.locator(`tr[data-testid="compose-group"][data-project="${project}"]`);
const members = (page: Page, project: string) =>
  page
    .locator('tr[data-testid="container-row"]')
    .filter({ has: page.getByTestId('compose-service') })
    .filter({ hasText: project });

test.describe('Compose', () => {
  test('the containers list groups a project; it collapses by keyboard; Stop on its row stops it all', async ({
    page,
    docker,
    containersPage,
  }) => {
    const project = `e2e-grp-${docker.suffix}`;
    const file = composeFile(project, shopYaml(testImage(), await freePort()));
    try {
      await dockerCompose(docker, project, file, ['up', '-d']);
      await containersPage.open();

      const row = group(page, project);
      await expect(row).toBeVisible();
      await expect(row.getByTestId('group-running')).toHaveText('2 of 2 running');
      await expect(members(page, project)).toHaveCount(2);
      await expect(members(page, project).getByTestId('compose-service')).toHaveText([
        'service db · #1',
        'service web · #1',
      ]);

      const toggle = row.getByRole('button', { name: new RegExp(`^${project}`) });
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect(toggle).toHaveAttribute('aria-expanded', 'false');
      await expect(members(page, project)).toHaveCount(0);
      await page.keyboard.press('Space');
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expect(members(page, project)).toHaveCount(2);

      // Collapsed stays collapsed across pages while Wharf runs.
      await page.keyboard.press('Enter');
      await containersPage.goTo('images');
      await containersPage.goTo('containers');
      await expect(group(page, project).getByRole('button', { name: new RegExp(`^${project}`) })).toHaveAttribute(
        'aria-expanded',
        'false',
      );

      // Down asks first: volumes are kept unless chosen, the command follows the choices; Escape changes nothing.
      await row.getByRole('button', { name: `Down ${project}`, exact: true }).click();
      const down = page.getByRole('dialog', { name: `Take down ${project}` });
      const volumes = down.getByRole('checkbox', { name: /Also remove volumes/ });
      await expect(volumes).not.toBeChecked();
      await expect(down.getByTestId('down-command')).toHaveText(`docker-compose -p ${project} -f ${file} down`);
      await volumes.check();
      await expect(down.getByTestId('down-command')).toHaveText(`docker-compose -p ${project} -f ${file} down -v`);
      await screenshot(page, 'compose-down-dialog-en-light');
      await page.keyboard.press('Escape');
      await expect(down).toBeHidden();
      await expect(row.getByTestId('group-running')).toHaveText('2 of 2 running');

      const stop = row.getByRole('button', { name: `Stop ${project}`, exact: true });
      await stop.hover();
      await expect(page.getByRole('tooltip')).toContainText(`docker-compose -p ${project} -f ${file} stop`);
      await stop.click();
      await expect(row.getByTestId('group-running')).toHaveText('0 of 2 running', { timeout: 60_000 });
      const states = await docker.run([
        'ps',
        '-a',
        '--filter',
        `label=com.docker.compose.project=${project}`,
        '--format',
        '{{.State}}',
      ]);
      expect(states.trim().split('\n')).toEqual(['exited', 'exited']);
    } finally {
      await removeProject(docker, project);
    }
  });

  test('a pasted file: its graph, Up with progress, its containers and every service’s logs', async ({
    page,
    docker,
    shell,
  }) => {
    test.setTimeout(180_000);
    const project = `e2e-paste-${docker.suffix}`;
    try {
      await shell.signIn();
      await page.goto(shell.server.linkTo('/compose'));
      await expect(page.getByRole('heading', { name: 'Compose', level: 1 })).toBeVisible();
      await expect(page.getByTestId('compose-tool')).toContainText('docker-compose');

      await page.getByLabel('Compose file text').fill(shopYaml(testImage(), await freePort()));
      await page.getByLabel('Project name').fill(project);
      await page.getByRole('button', { name: 'Open as a project' }).click();
      await expect(page.getByRole('heading', { name: project, level: 1 })).toBeVisible();

      await page.getByRole('tab', { name: 'Graph' }).click();
      const nodes = page.getByTestId('graph-node');
      await expect(nodes.and(page.locator('[data-kind="service"]'))).toHaveCount(2);
      await expect(nodes.and(page.locator('[data-kind="network"]'))).toHaveCount(1);
      await expect(nodes.and(page.locator('[data-kind="volume"]'))).toHaveCount(1);
      await expect(page.getByRole('link', { name: 'data, Volume', exact: true })).toBeVisible();

      await page.getByRole('button', { name: 'Up…' }).click();
      const dialog = page.getByRole('dialog', { name: `Bring up ${project}` });
      await expect(dialog.getByTestId('up-command')).toContainText(`-p ${project}`);
      await dialog.getByRole('checkbox', { name: /Recreate every container/ }).check();
      await expect(dialog.getByTestId('up-command')).toContainText('--force-recreate');
      await dialog.getByRole('checkbox', { name: /Recreate every container/ }).uncheck();
      await screenshot(page, 'compose-up-dialog-en-light');
      await dialog.getByRole('button', { name: 'Up', exact: true }).click();
      await expect(dialog.getByTestId('compose-progress')).toHaveAttribute('data-done', 'true', { timeout: 120_000 });
      await expect(dialog.getByTestId('compose-progress')).toHaveAttribute('data-ok', 'true');
      await expect(dialog.getByTestId('compose-progress')).toContainText(`docker-compose -p ${project}`);
      await screenshot(page, 'compose-up-done-en-light');
      await dialog.getByRole('button', { name: 'Close' }).click();

      await page.getByRole('tab', { name: 'Overview' }).click();
      const web = page.locator('tr[data-testid="compose-service-row"][data-service="web"]');
      await expect(web.getByRole('link')).toHaveCount(1);
      await expect(
        page.locator('tr[data-testid="compose-service-row"][data-service="db"]').getByRole('link'),
      ).toHaveCount(1);
      await page.getByRole('tab', { name: 'Graph' }).click();
      await expect(page.getByRole('link', { name: 'web 1 of 1 running, Service', exact: true })).toBeVisible({
        timeout: 30_000,
      });

      await page.getByRole('tab', { name: 'Logs' }).click();
      const lines = page.getByTestId('log-line');
      await expect(lines.filter({ hasText: /web-1 \| web says hello/ }).first()).toBeVisible({ timeout: 30_000 });
      await expect(lines.filter({ hasText: /db-1 \| db is ready/ }).first()).toBeVisible({ timeout: 30_000 });
      await page.getByTestId('logs-service').selectOption('db');
      await expect(lines.filter({ hasText: 'web says hello' })).toHaveCount(0);
      await expect(lines.filter({ hasText: 'db is ready' }).first()).toBeVisible();

      // The file: a YAML mistake is found with its line, the line reached from the list, and Save refused.
      await page.getByRole('tab', { name: 'File' }).click();
      const editor = page.getByRole('textbox', { name: /^Compose file / });
      await expect(editor).toContainText('web says hello');
      const path = (await page.locator('.compose-file-bar code').textContent()) ?? '';
      const before = readFileSync(path, 'utf8');
      await editor.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.insertText('\nbroken: [oops\n');
      await page.getByRole('button', { name: 'Validate' }).click();
      const problems = page.getByTestId('compose-validation');
      await expect(problems).toContainText('The compose tool found problems');
      const line = problems.getByRole('button', { name: /^Line \d+$/ }).first();
      await line.click();
      await expect(page.locator('.cm-content')).toBeFocused();
      await page.getByRole('button', { name: 'Save' }).click();
      await expect(problems).toContainText('Not saved');
      expect(readFileSync(path, 'utf8'), 'the file on disk is as it was').toBe(before);
      await screenshot(page, 'compose-file-problems-en-light');
    } finally {
      await removeProject(docker, project);
    }
  });

  test('the project page scales a service: a bad count is refused, the command shown, the replicas made', async ({
    page,
    docker,
    shell,
  }) => {
    test.setTimeout(180_000);
    const project = `e2e-scale-${docker.suffix}`;
    const file = composeFile(project, shopYaml(testImage(), await freePort()));
    try {
      await dockerCompose(docker, project, file, ['up', '-d']);
      await shell.signIn();
      await page.goto(shell.server.linkTo(`/compose/${project}/overview`));
      await expect(page.getByRole('heading', { name: project, level: 1 })).toBeVisible();

      const db = page.locator('tr[data-testid="compose-service-row"][data-service="db"]');
      const replicas = db.getByRole('spinbutton', { name: 'Replicas of db' });
      const scale = db.getByRole('button', { name: 'Scale' });
      await expect(replicas).toHaveValue('1');
      await expect(scale).toBeDisabled();
      await replicas.fill('101');
      await expect(replicas).toHaveAttribute('aria-invalid', 'true');
      await expect(scale).toBeDisabled();

      await replicas.fill('2');
      await expect(scale).toBeEnabled();
      await scale.hover();
      await expect(page.getByRole('tooltip')).toContainText(
        `docker-compose -p ${project} -f ${file} up -d --no-recreate --scale db=2`,
      );
      await scale.click();
      await expect(db.getByRole('link')).toHaveCount(2, { timeout: 90_000 });
      const running = await docker.run([
        'ps',
        '--filter',
        `label=com.docker.compose.project=${project}`,
        '--filter',
        'label=com.docker.compose.service=db',
        '--format',
        '{{.State}}',
      ]);
      expect(running.trim().split('\n')).toEqual(['running', 'running']);
    } finally {
      await removeProject(docker, project);
    }
  });

  test('Cancel on a running command stops the tool: the row says Cancelled long before the command would end', async ({
    page,
    docker,
    containersPage,
  }) => {
    test.setTimeout(120_000);
    const project = `e2e-cancel-${docker.suffix}`;
    // A shell as PID 1 without a TERM trap ignores `docker stop`: stopping it waits out the 60 s grace period.
    const file = composeFile(
      project,
      `services:
  slow:
    image: ${testImage()}
    command: ["sh", "-c", "while true; do sleep 1; done"]
    stop_grace_period: 60s
`,
    );
    try {
      await dockerCompose(docker, project, file, ['up', '-d']);
      await containersPage.open();
      const row = group(page, project);
      await expect(row.getByTestId('group-running')).toHaveText('1 of 1 running');

      const started = Date.now();
      await row.getByRole('button', { name: `Stop ${project}`, exact: true }).click();
      const cancel = row.getByRole('button', { name: 'Cancel the running command' });
      await expect(cancel).toBeVisible();
      await expect(row.getByRole('button', { name: `Stop ${project}`, exact: true })).toBeDisabled();
      await cancel.click();
      await expect(row.getByRole('status')).toHaveText('Cancelled.');
      expect(Date.now() - started, 'cancelled before the grace period ran out').toBeLessThan(45_000);
      await expect(cancel).toBeHidden();
      await expect(row.getByRole('button', { name: `Restart ${project}`, exact: true })).toBeEnabled();
    } finally {
      await removeProject(docker, project);
    }
  });

  test('the Compose page, a project page and the grouped list are axe clean in both themes; screenshots in English and Korean', async ({
    page,
    docker,
    wharf,
    shell,
  }) => {
    test.setTimeout(240_000);
    const project = `e2e-axe-${docker.suffix}`;
    const file = composeFile(project, shopYaml(testImage(), await freePort()));
    try {
      await dockerCompose(docker, project, file, ['up', '-d']);
      await shell.signIn();
      for (const [language, theme] of [
        ['en', 'light'],
        ['en', 'dark'],
        ['ko', 'light'],
        ['ko', 'dark'],
      ] as const) {
        await page.evaluate(
          ([l, t]) =>
            localStorage.setItem('wharf.ui', JSON.stringify({ state: { language: l, theme: t }, version: 0 })),
          [language, theme] as const,
        );
        await page.goto(wharf.linkTo('/compose'));
        await page.reload();
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await expect(page.locator(`tr[data-testid="compose-project"][data-project="${project}"]`)).toBeVisible();
        await expect(page.getByTestId('compose-tool')).toContainText('docker-compose');
        if (language === 'en') await expectNoAxeViolations(page, `the Compose page, ${theme}`);
        await screenshot(page, `compose-${language}-${theme}`);
        for (const tab of ['overview', 'graph', 'logs'] as const) {
          await page.goto(wharf.linkTo(`/compose/${project}/${tab}`));
          await expect(page.getByRole('heading', { name: project, level: 1 })).toBeVisible();
          if (tab === 'graph') await expect(page.getByTestId('graph-node').first()).toBeVisible();
          if (tab === 'logs') await expect(page.getByTestId('log-line').first()).toBeVisible({ timeout: 30_000 });
          if (language === 'en') await expectNoAxeViolations(page, `the project page, ${tab} tab, ${theme}`);
          await screenshot(page, `compose-project-${tab}-${language}-${theme}`);
        }
        await page.goto(wharf.linkTo('/containers'));
        await expect(group(page, project)).toBeVisible();
        if (language === 'en') await expectNoAxeViolations(page, `the grouped containers list, ${theme}`);
        await screenshot(page, `containers-grouped-${language}-${theme}`);
      }
    } finally {
      await removeProject(docker, project);
    }
  });
});
